#pragma once

#include <QString>
#include <QStringView>

/// Text as Stripe counts it: Unicode code points (a surrogate pair is one), cut only between
/// grapheme clusters, so that an emoji sequence or a letter with its combining marks is never
/// split (docs/decisions.md, "Text as Stripe counts it").
namespace remise::text {

/// Stripe's limits on the fields Remise writes.
inline constexpr qsizetype maxLabelLength = 40;          ///< a coupon's name
inline constexpr qsizetype maxMetadataKeyLength = 40;    ///< a metadata key
inline constexpr qsizetype maxMetadataValueLength = 500; ///< a metadata value

/// The number of Unicode code points in `s`. A lone surrogate counts as one.
qsizetype codePoints(QStringView s);

/// Whether a grapheme-cluster boundary (Unicode UAX #29, extended clusters) lies before the
/// UTF-16 offset `position`; the start and the end of `s` are boundaries.
bool isGraphemeBoundary(QStringView s, qsizetype position);

/// The longest prefix of `s` with at most `limit` code points that ends on a grapheme-cluster
/// boundary: `s` itself when it fits; when the limit falls inside a cluster, the cut falls back
/// to the boundary before it (possibly the empty string).
QString cut(QStringView s, qsizetype limit);

/// `s` when it has at most `limit` code points; otherwise cut() to `limit - 1` followed by
/// "…" (U+2026), so the result has at most `limit` code points.
QString ellipsize(QStringView s, qsizetype limit);

} // namespace remise::text
