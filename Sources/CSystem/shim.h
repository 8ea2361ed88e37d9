#ifndef CSYSTEM_SHIM_H
#define CSYSTEM_SHIM_H
/* Linux system calls the Swift Glibc module does not expose. */
#include <sys/eventfd.h>
#include <pthread.h>

/// Creates a non-blocking, close-on-exec eventfd (the I/O thread's wake-up descriptor).
static inline int CSystem_eventfd_nonblocking(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/// Names the calling thread (at most 15 bytes are kept); visible in debuggers and /proc.
int pthread_setname_np(pthread_t thread, const char *name);
static inline int CSystem_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
#endif
