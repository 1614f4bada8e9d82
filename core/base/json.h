#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

#include <optional>

/// JSON helpers: parsing with located errors, JSON paths, tolerant field access for objects that
/// come from outside (Stripe), and a deterministic, human-friendly writer.
namespace remise::json {

/// Parses `bytes`; `what` names the input in error messages (a file name, "request body").
Result<QJsonValue> parse(const QByteArray &bytes, const QString &what);
/// As parse(), and requires the top-level value to be an object.
Result<QJsonObject> parseObject(const QByteArray &bytes, const QString &what);

/// The JSON type name of a value as users know it: "string", "number", "object", ...
QString typeName(const QJsonValue &value);

/// "$.a" + key -> "$.a.key"; + index -> "$.a[3]".
QString at(const QString &path, QStringView key);
QString at(const QString &path, qsizetype index);

// Tolerant accessors for objects read from outside: missing, null or mistyped values read as
// absent. Use them only for fields the caller can do without.
QString string(const QJsonObject &object, QStringView key);
std::optional<qint64> integer(const QJsonObject &object, QStringView key);
QJsonObject object(const QJsonObject &object, QStringView key);
QJsonArray array(const QJsonObject &object, QStringView key);
/// Stripe metadata as a string map: strings kept, numbers and booleans written as text, other
/// values skipped.
QMap<QString, QString> stringMap(const QJsonObject &object);
QJsonObject fromStringMap(const QMap<QString, QString> &map);

/// True when a double holds an integral value exactly representable as qint64.
bool isInteger(const QJsonValue &value);

enum class Style { Compact, Pretty };

/// Writes a value with object keys in a stable order: keys listed in `keyOrder` first, in that
/// order, then the others alphabetically. Pretty output keeps an array or object on one line
/// when that whole line stays within 120 characters, so that files kept in version control read
/// and diff well. Ends with a newline when pretty.
QByteArray write(const QJsonValue &value, Style style = Style::Pretty,
                 const QStringList &keyOrder = {});

} // namespace remise::json
