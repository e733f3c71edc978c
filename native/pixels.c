// The export's per-pixel loops in C: drawing a layer over a frame, and RGBA to YUV 4:2:0. Each gives exactly the
// bytes of its JavaScript twin (src/export/png.ts `compositedRows`, src/export/video/yuv.ts `yuv420FromRgba`), which
// stays the fallback where this addon was not built; the tests compare the two byte for byte.
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

// Loops the compiler vectorises, built again for AVX2 and chosen when the processor has it (GCC and clang on x86).
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
#define VECTORISED __attribute__((target_clones("avx2", "default")))
#else
#define VECTORISED
#endif

static napi_value thrown(napi_env env, const char *message) {
  napi_throw_range_error(env, NULL, message);
  return NULL;
}

/** A typed array or buffer argument's bytes. */
static int bytesOf(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  bool isTyped = false;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok) return 0;
  if (isTyped) {
    napi_typedarray_type type;
    size_t count;
    void *at;
    napi_value buffer;
    size_t offset;
    if (napi_get_typedarray_info(env, value, &type, &count, &at, &buffer, &offset) != napi_ok) return 0;
    if (type != napi_uint8_array && type != napi_uint8_clamped_array) return 0;
    *data = at;
    *length = count;
    return 1;
  }
  return 0;
}

/** The call's `count` arguments, or 0 (with a RangeError thrown) when fewer were given. */
static int argumentsOf(napi_env env, napi_callback_info info, size_t count, napi_value *args, const char *name) {
  size_t argc = count;
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok) return 0;
  if (argc >= count) return 1;
  char message[64];
  snprintf(message, sizeof message, "%s takes %zu arguments", name, count);
  napi_throw_range_error(env, NULL, message);
  return 0;
}

static int intsOf(napi_env env, napi_value *args, size_t count, int32_t *out) {
  for (size_t i = 0; i < count; i++)
    if (napi_get_value_int32(env, args[i], &out[i]) != napi_ok) return 0;
  return 1;
}

/**
 * One pixel over another, as in JavaScript: out = src + round(out × (255 − α) / 255), channel by channel (the
 * alpha comes out 255). Exact in integers: (x + 128 + ((x + 128) >> 8)) >> 8 is x / 255 rounded for every
 * x = out × (255 − α) (a byte times a byte), and src ≤ α keeps the sum a byte.
 */
static inline uint8_t over(uint32_t s, uint32_t o, uint32_t inverse) {
  uint32_t t = o * inverse + 128;
  return (uint8_t)(s + ((t + (t >> 8)) >> 8));
}

/** Draws `count` premultiplied pixels `s` over the opaque pixels `o`: four at a time where SSE2 is there. */
static void overRow(uint8_t *o, const uint8_t *s, int32_t count) {
  int32_t x = 0;
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128();
  const __m128i all255 = _mm_set1_epi16(255);
  const __m128i round = _mm_set1_epi16(128);
  for (; x + 4 <= count; x += 4, s += 16, o += 16) {
    __m128i src = _mm_loadu_si128((const __m128i *)s);
    // Alphas: the top byte of each pixel's word.
    int alphaZero = _mm_movemask_epi8(_mm_cmpeq_epi32(_mm_srli_epi32(src, 24), zero));
    if (alphaZero == 0xffff) continue;
    int alphaFull = _mm_movemask_epi8(_mm_cmpeq_epi32(_mm_srli_epi32(src, 24), _mm_set1_epi32(255)));
    if (alphaFull == 0xffff) {
      _mm_storeu_si128((__m128i *)o, src);
      continue;
    }
    __m128i dst = _mm_loadu_si128((const __m128i *)o);
    __m128i result[2];
    for (int half = 0; half < 2; half++) {
      __m128i s16 = half ? _mm_unpackhi_epi8(src, zero) : _mm_unpacklo_epi8(src, zero);
      __m128i o16 = half ? _mm_unpackhi_epi8(dst, zero) : _mm_unpacklo_epi8(dst, zero);
      __m128i alpha = _mm_shufflehi_epi16(_mm_shufflelo_epi16(s16, 0xff), 0xff);
      __m128i t = _mm_add_epi16(_mm_mullo_epi16(o16, _mm_sub_epi16(all255, alpha)), round);
      __m128i r = _mm_srli_epi16(_mm_add_epi16(t, _mm_srli_epi16(t, 8)), 8);
      result[half] = _mm_add_epi16(s16, r);
    }
    _mm_storeu_si128((__m128i *)o, _mm_packus_epi16(result[0], result[1]));
  }
#endif
  for (; x < count; x++, s += 4, o += 4) {
    uint32_t a = s[3];
    if (a == 0) continue;
    uint32_t inverse = 255 - a;
    o[0] = over(s[0], o[0], inverse);
    o[1] = over(s[1], o[1], inverse);
    o[2] = over(s[2], o[2], inverse);
    o[3] = 255;
  }
}

/**
 * composite(out, outWidth, src, srcWidth, atX, atY, x0, x1, y0, y1, isOpaque): draws the layer `src` (RGBA,
 * premultiplied by alpha, `srcWidth` wide) over the opaque frame `out` (`outWidth` wide), the layer's columns
 * x0 … x1 − 1 of rows y0 … y1 − 1 landing at (atX + x, atY + y). Opaque rows are copied.
 */
static napi_value composite(napi_env env, napi_callback_info info) {
  napi_value args[11];
  if (!argumentsOf(env, info, 11, args, "composite")) return NULL;
  uint8_t *out, *src;
  size_t outLength, srcLength;
  if (!bytesOf(env, args[0], &out, &outLength) || !bytesOf(env, args[2], &src, &srcLength))
    return thrown(env, "composite: out and src must be Uint8Arrays");
  int32_t outWidth, n[7];
  bool isOpaque;
  if (napi_get_value_int32(env, args[1], &outWidth) != napi_ok || !intsOf(env, args + 3, 7, n) ||
      napi_get_value_bool(env, args[10], &isOpaque) != napi_ok)
    return thrown(env, "composite: integers and a boolean expected");
  const int32_t srcWidth = n[0];
  const int32_t atX = n[1], atY = n[2], x0 = n[3], x1 = n[4], y0 = n[5], y1 = n[6];
  if (x1 <= x0 || y1 <= y0) return NULL;
  if (outWidth <= 0 || srcWidth <= 0 || x0 < 0 || y0 < 0 || x1 > srcWidth || atX + x0 < 0 || atY + y0 < 0 ||
      atX + x1 > outWidth || (size_t)y1 * srcWidth * 4 > srcLength ||
      (size_t)(atY + y1) * outWidth * 4 > outLength)
    return thrown(env, "composite: the rectangle is outside a buffer");
  size_t rowBytes = (size_t)(x1 - x0) * 4;
  for (int32_t y = y0; y < y1; y++) {
    const uint8_t *s = src + ((size_t)y * srcWidth + x0) * 4;
    uint8_t *o = out + ((size_t)(y + atY) * outWidth + atX + x0) * 4;
    if (isOpaque) memcpy(o, s, rowBytes);
    else overRow(o, s, x1 - x0);
  }
  return NULL;
}

/** One row's luma: Y = 16 + (YR·R + YG·G + YB·B) / 2^16, rounded (written to be vectorised). */
VECTORISED static void lumaRow(uint8_t *restrict luma, const uint8_t *restrict rgba, int32_t count,
                               const int32_t *restrict k) {
  const int32_t YR = k[0], YG = k[1], YB = k[2];
  for (int32_t x = 0; x < count; x++)
    luma[x] = (uint8_t)(16 + ((YR * rgba[4 * x] + YG * rgba[4 * x + 1] + YB * rgba[4 * x + 2] + (1 << 15)) >> 16));
}

/** One row of 2×2 blocks' chroma, from the sums of each block's four pixels (rows `top` and `bottom`). */
VECTORISED static void chromaRow(uint8_t *restrict u, uint8_t *restrict v, const uint8_t *restrict top,
                                 const uint8_t *restrict bottom, int32_t count, const int32_t *restrict k) {
  const int32_t UR = k[3], UG = k[4], UB = k[5], VR = k[6], VG = k[7], VB = k[8];
  for (int32_t x = 0; x < count; x++) {
    int32_t r = top[8 * x] + top[8 * x + 4] + bottom[8 * x] + bottom[8 * x + 4];
    int32_t g = top[8 * x + 1] + top[8 * x + 5] + bottom[8 * x + 1] + bottom[8 * x + 5];
    int32_t b = top[8 * x + 2] + top[8 * x + 6] + bottom[8 * x + 2] + bottom[8 * x + 6];
    // Divided by 4 (the mean) and by 2^16 at once, rounded.
    u[x] = (uint8_t)(128 + ((UR * r + UG * g + UB * b + (1 << 17)) >> 18));
    v[x] = (uint8_t)(128 + ((VR * r + VG * g + VB * b + (1 << 17)) >> 18));
  }
}

// The coefficients (BT.709 in 16.16 fixed point, limited range) come from the caller (yuv.ts), so both
// implementations share them.
/**
 * yuv420(rgba, width, height, out, x0, y0, x1, y1, coefficients): converts the box (already widened to whole 2×2
 * blocks and clipped by the caller) of opaque RGBA pixels into the YUV 4:2:0 frame `out`; `coefficients` is an
 * Int32Array [YR, YG, YB, UR, UG, UB, VR, VG, VB].
 */
static napi_value yuv420(napi_env env, napi_callback_info info) {
  napi_value args[9];
  if (!argumentsOf(env, info, 9, args, "yuv420")) return NULL;
  uint8_t *rgba, *out;
  size_t rgbaLength, outLength;
  if (!bytesOf(env, args[0], &rgba, &rgbaLength) || !bytesOf(env, args[3], &out, &outLength))
    return thrown(env, "yuv420: rgba and out must be Uint8Arrays");
  int32_t size[2], box[4];
  if (!intsOf(env, args + 1, 2, size) || !intsOf(env, args + 4, 4, box))
    return thrown(env, "yuv420: integers expected");
  const int32_t width = size[0], height = size[1], x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
  napi_typedarray_type type;
  size_t count;
  void *at;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, args[8], &type, &count, &at, &buffer, &offset) != napi_ok ||
      type != napi_int32_array || count != 9)
    return thrown(env, "yuv420: coefficients must be an Int32Array of 9");
  const int32_t *k = at;
  if (width <= 0 || height <= 0 || (width & 1) || (height & 1) || (x0 & 1) || (y0 & 1) || (x1 & 1) || (y1 & 1) ||
      x0 < 0 || y0 < 0 || x1 > width || y1 > height || rgbaLength < (size_t)width * height * 4 ||
      outLength < (size_t)width * height * 3 / 2)
    return thrown(env, "yuv420: the box or a buffer does not fit the frame");
  const size_t chromaWidth = (size_t)width / 2;
  uint8_t *uPlane = out + (size_t)width * height;
  uint8_t *vPlane = uPlane + chromaWidth * ((size_t)height / 2);
  for (int32_t y = y0; y < y1; y += 2) {
    const uint8_t *r0 = rgba + (size_t)y * width * 4;
    const uint8_t *r1 = r0 + (size_t)width * 4;
    lumaRow(out + (size_t)y * width + x0, r0 + (size_t)x0 * 4, x1 - x0, k);
    lumaRow(out + (size_t)(y + 1) * width + x0, r1 + (size_t)x0 * 4, x1 - x0, k);
    chromaRow(uPlane + (size_t)(y / 2) * chromaWidth + x0 / 2, vPlane + (size_t)(y / 2) * chromaWidth + x0 / 2,
              r0 + (size_t)x0 * 4, r1 + (size_t)x0 * 4, (x1 - x0) / 2, k);
  }
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"composite", NULL, composite, NULL, NULL, NULL, napi_default, NULL},
      {"yuv420", NULL, yuv420, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, 2, properties) != napi_ok) return NULL;
  return exports;
}
