/// @file
/// @brief `DIPLOSEARCH_API`: marks the declarations libdiplosearch exports.
///
/// The library is compiled with hidden visibility, so only what carries this
/// macro is part of its ABI; everything else (Xapian, spdlog and the internal
/// classes) stays private to the shared object. Exception classes carry it too:
/// a program can only catch a type whose type_info the library exports.
/// `DIPLOSEARCH_LOCAL` keeps a nested implementation class (a pimpl) of an
/// exported class private, which it would otherwise not be.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define DIPLOSEARCH_API __attribute__((visibility("default")))
#define DIPLOSEARCH_LOCAL __attribute__((visibility("hidden")))
#else
#define DIPLOSEARCH_API
#define DIPLOSEARCH_LOCAL
#endif
