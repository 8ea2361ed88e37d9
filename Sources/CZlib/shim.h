#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit` is a macro; this wraps it for Swift (zlib format, with header).
static inline int CZlib_inflateInit(z_streamp strm) {
    return inflateInit(strm);
}

/// `deflateInit` is a macro; this wraps it for Swift.
static inline int CZlib_deflateInit(z_streamp strm, int level) {
    return deflateInit(strm, level);
}

#endif
