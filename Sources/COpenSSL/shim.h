#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>

/// `SSL_set_tlsext_host_name` is a macro; wraps it for Swift (SNI).
static inline long COpenSSL_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

/// `SSL_CTX_set_min_proto_version` is a macro; wraps it for Swift.
static inline long COpenSSL_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

/// `SSL_CTX_set_mode` is a macro; wraps it for Swift.
static inline long COpenSSL_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

/// `SSL_CTX_set_options` wrapper with an explicit type.
static inline unsigned long COpenSSL_SSL_CTX_set_options(SSL_CTX *ctx, unsigned long options) {
    return (unsigned long)SSL_CTX_set_options(ctx, (uint64_t)options);
}

/// `BIO_get_mem_data` is a macro; wraps it for Swift.
static inline long COpenSSL_BIO_get_mem_data(BIO *bio, char **pp) {
    return BIO_get_mem_data(bio, pp);
}

/// `SSL_OP_IGNORE_UNEXPECTED_EOF` may be missing before OpenSSL 3.0.
static inline unsigned long COpenSSL_SSL_OP_IGNORE_UNEXPECTED_EOF(void) {
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
    return (unsigned long)SSL_OP_IGNORE_UNEXPECTED_EOF;
#else
    return 0;
#endif
}

static inline int COpenSSL_TLS1_2_VERSION(void) { return TLS1_2_VERSION; }
static inline long COpenSSL_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER(void) { return SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER; }
static inline long COpenSSL_SSL_MODE_ENABLE_PARTIAL_WRITE(void) { return SSL_MODE_ENABLE_PARTIAL_WRITE; }
static inline long COpenSSL_SSL_MODE_RELEASE_BUFFERS(void) { return SSL_MODE_RELEASE_BUFFERS; }

/// `SSL_CTX_set_max_proto_version` is a macro; wraps it for Swift (tests pin an old server version).
static inline long COpenSSL_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_max_proto_version(ctx, version);
}

#endif
