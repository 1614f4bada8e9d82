#include "checker.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace remise::json {

void Checker::error(const QString &path, const QString &message, const QString &code)
{
    m_errors.push_back(Error{code, message, path, {}});
}

Error Checker::toError(const QString &what) const
{
    if (m_errors.empty())
        return Error{};
    Error first = m_errors.front();
    if (m_errors.size() > 1) {
        Error folded{
            first.code, u"%1 has %2 problems"_s.arg(what).arg(m_errors.size()), QString(), {}};
        folded.details = m_errors;
        return folded;
    }
    return first;
}

void Checker::onlyKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!allowed.contains(it.key()))
            error(
                at(path, it.key()),
                u"unknown key \"%1\" (expected one of: %2)"_s.arg(it.key(), allowed.join(u", "_s)),
                errc::unknownField);
}

bool Checker::has(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return !value.isUndefined() && !value.isNull();
}

namespace {

bool absent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

std::optional<QJsonObject> Checker::object(const QJsonObject &parent, const QString &path,
                                           const QString &key, Need need)
{
    const QJsonValue value = parent.value(key);
    if (absent(value)) {
        if (need == Need::Required)
            error(at(path, key), u"is required"_s, errc::missingValue);
        return std::nullopt;
    }
    if (!value.isObject()) {
        error(at(path, key), u"must be an object, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> Checker::array(const QJsonObject &parent, const QString &path,
                                         const QString &key, Need need)
{
    const QJsonValue value = parent.value(key);
    if (absent(value)) {
        if (need == Need::Required)
            error(at(path, key), u"is required"_s, errc::missingValue);
        return std::nullopt;
    }
    if (!value.isArray()) {
        error(at(path, key), u"must be an array, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QString> Checker::string(const QJsonObject &parent, const QString &path,
                                       const QString &key, Need need)
{
    const QJsonValue value = parent.value(key);
    if (absent(value)) {
        if (need == Need::Required)
            error(at(path, key), u"is required"_s, errc::missingValue);
        return std::nullopt;
    }
    return stringValue(value, at(path, key));
}

std::optional<bool> Checker::boolean(const QJsonObject &parent, const QString &path,
                                     const QString &key, Need need)
{
    const QJsonValue value = parent.value(key);
    if (absent(value)) {
        if (need == Need::Required)
            error(at(path, key), u"is required"_s, errc::missingValue);
        return std::nullopt;
    }
    if (!value.isBool()) {
        error(at(path, key), u"must be true or false, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> Checker::integer(const QJsonObject &parent, const QString &path,
                                       const QString &key, Need need, qint64 min, qint64 max)
{
    const QJsonValue value = parent.value(key);
    if (absent(value)) {
        if (need == Need::Required)
            error(at(path, key), u"is required"_s, errc::missingValue);
        return std::nullopt;
    }
    return integerValue(value, at(path, key), min, max);
}

std::optional<qint64> Checker::integerValue(const QJsonValue &value, const QString &path,
                                            qint64 min, qint64 max)
{
    if (!value.isDouble()) {
        error(path, u"must be a whole number, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    if (!isInteger(value)) {
        error(path, u"must be a whole number, not %1"_s.arg(value.toDouble()));
        return std::nullopt;
    }
    const qint64 n = value.toInteger();
    if (n < min || n > max) {
        error(path, max == std::numeric_limits<qint64>::max()
                        ? u"must be at least %1, not %2"_s.arg(min).arg(n)
                        : u"must be between %1 and %2, not %3"_s.arg(min).arg(max).arg(n));
        return std::nullopt;
    }
    return n;
}

std::optional<QString> Checker::stringValue(const QJsonValue &value, const QString &path)
{
    if (!value.isString()) {
        error(path, u"must be a string, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<QStringList> Checker::stringList(const QJsonValue &value, const QString &path)
{
    if (!value.isArray()) {
        error(path, u"must be an array of strings, not %1"_s.arg(typeName(value)));
        return std::nullopt;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty()) {
        error(path, u"must not be empty"_s);
        return std::nullopt;
    }
    QStringList out;
    bool good = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const auto s = stringValue(array.at(i), at(path, i));
        if (!s) {
            good = false;
            continue;
        }
        if (s->trimmed().isEmpty()) {
            error(at(path, i), u"must not be empty"_s);
            good = false;
            continue;
        }
        out.append(*s);
    }
    return good ? std::optional(out) : std::nullopt;
}

} // namespace remise::json
