#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>

#include <utility>

/// Stripe's `application/x-www-form-urlencoded` conventions, both ways: nested objects as
/// `a[b]=v`, arrays with indices `a[0][b]=v`, and an empty value (`a=`) to unset an "emptyable"
/// parameter.
namespace remise::form {

/// One unencoded key/value pair, in body order.
using Pair = std::pair<QString, QString>;

/// Flattens JSON parameters. An empty array, an empty object or null becomes `key=` (unset);
/// booleans are "true"/"false"; numbers are written without exponent, integers without a
/// fraction, other numbers in the shortest form that reads back exactly ("12.5", "0.1").
QList<Pair> flatten(const QJsonObject &params);

/// Percent-encodes pairs into a body; brackets in keys are kept readable, as Stripe's SDKs do.
QByteArray encode(const QList<Pair> &pairs);
QByteArray encode(const QJsonObject &params);

/// Splits and percent-decodes a body or query string ('+' is a space).
QList<Pair> parsePairs(QByteArrayView body);

/// How deep a parameter may nest (brackets after its name). Stripe's own parameters nest four
/// levels at most (`line_items[0][price_data][product_data][name]`); deeper keys are refused.
inline constexpr int maxDepth = 16;

/// Rebuilds nested objects from pairs. `a[]=x` appends to an array; objects whose keys are
/// exactly 0..n-1 become arrays. Values stay strings. A key used both as a value and as a
/// container, an index that skips, or nesting deeper than maxDepth is an error naming the
/// parameter (`Error::path`).
Result<QJsonObject> unflatten(const QList<Pair> &pairs);

/// parsePairs() then unflatten().
Result<QJsonObject> decode(QByteArrayView body);

namespace detail {
/// Key comparisons unflatten() has made in this thread so far: tests check that the work per
/// key stays bounded (no scan of all siblings per key).
quint64 keyComparisons();
} // namespace detail

} // namespace remise::form
