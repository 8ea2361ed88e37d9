#ifndef CSYSTEM_SHIM_H
#define CSYSTEM_SHIM_H
/* Linux system calls the Swift Glibc module does not expose. */
#include <sys/eventfd.h>
#include <pthread.h>
#include <malloc.h>
#include <sys/socket.h>

/// Creates a non-blocking, close-on-exec eventfd (the I/O thread's wake-up descriptor).
static inline int CSystem_eventfd_nonblocking(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/// Names the calling thread (at most 15 bytes are kept); visible in debuggers and /proc.
int pthread_setname_np(pthread_t thread, const char *name);
static inline int CSystem_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}

/// Returns freed heap memory of every malloc arena to the operating system.
static inline int CSystem_malloc_trim(void) {
    return malloc_trim(0);
}

/// Bytes of heap currently allocated (in use), from mallinfo2.
static inline size_t CSystem_heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
/// `accept4` is declared only under `_GNU_SOURCE`, which Swift's Glibc module does not define; wraps the glibc
/// symbol so accepted sockets are non-blocking and close-on-exec atomically.
static inline int CSystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    extern int accept4(int, struct sockaddr *, socklen_t *, int);
    return accept4(fd, address, length, flags);
}
#endif
