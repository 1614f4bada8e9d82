#include "params.h"

#include "text.h"

using namespace Qt::StringLiterals;

namespace remise::sandbox {

Params::Params(QJsonObject params, QString prefix)
    : m_params(std::move(params))
    , m_prefix(std::move(prefix))
{}

QString Params::name(const QString &key) const
{
    return m_prefix.isEmpty() ? key : m_prefix + u'[' + key + u']';
}

void Params::fail(const ApiError &error)
{
    if (!m_error)
        m_error = error;
}

void Params::take(const Params &child)
{
    if (!child.ok())
        fail(child.error());
}

Params &Params::allow(const QStringList &keys)
{
    for (auto it = m_params.begin(); it != m_params.end(); ++it)
        if (!keys.contains(it.key()))
            fail(ApiError::invalid(u"Received unknown parameter: %1"_s.arg(name(it.key())),
                                   name(it.key()), u"parameter_unknown"_s));
    return *this;
}

bool Params::has(const QString &key) const
{
    return m_params.contains(key);
}

bool Params::isEmptyValue(const QString &key) const
{
    const QJsonValue v = m_params.value(key);
    return v.isString() && v.toString().isEmpty();
}

QString Params::string(const QString &key, bool required, int maxLength)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined()) {
        if (required)
            fail(ApiError::invalid(u"Missing required param: %1."_s.arg(name(key)), name(key),
                                   u"parameter_missing"_s));
        return {};
    }
    if (!v.isString()) {
        fail(ApiError::invalid(
            u"Invalid string: %1 must be a string, not an object or array."_s.arg(name(key)),
            name(key)));
        return {};
    }
    const QString s = v.toString();
    if (required && s.isEmpty())
        fail(ApiError::invalid(u"Missing required param: %1."_s.arg(name(key)), name(key),
                               u"parameter_missing"_s));
    // Lengths count Unicode code points, as Stripe does (text.h).
    if (s.size() > maxLength && text::codePoints(s) > maxLength)
        fail(ApiError::invalid(
            u"Invalid string: %1 must be at most %2 characters long."_s.arg(name(key)).arg(
                maxLength),
            name(key)));
    return s;
}

std::optional<qint64> Params::integer(const QString &key, bool required, qint64 min, qint64 max)
{
    const QString text = string(key, required);
    if (text.isEmpty() || !ok())
        return std::nullopt;
    bool good = false;
    const qint64 n = text.toLongLong(&good);
    if (!good) {
        fail(ApiError::invalid(u"Invalid integer: %1"_s.arg(text), name(key)));
        return std::nullopt;
    }
    if (n < min || n > max) {
        fail(ApiError::invalid(
            u"This value must be greater than or equal to %1 and less than or equal to %2 (%3 was given)."_s
                .arg(min)
                .arg(max)
                .arg(n),
            name(key)));
        return std::nullopt;
    }
    return n;
}

std::optional<double> Params::number(const QString &key, double min, double max)
{
    const QString text = string(key);
    if (text.isEmpty() || !ok())
        return std::nullopt;
    bool good = false;
    const double d = text.toDouble(&good);
    if (!good || d < min || d > max) {
        fail(ApiError::invalid(u"Invalid decimal: %1"_s.arg(text), name(key)));
        return std::nullopt;
    }
    return d;
}

std::optional<bool> Params::boolean(const QString &key)
{
    const QString text = string(key);
    if (text.isEmpty() || !ok())
        return std::nullopt;
    if (text == u"true")
        return true;
    if (text == u"false")
        return false;
    fail(ApiError::invalid(u"Invalid boolean: %1"_s.arg(text), name(key)));
    return std::nullopt;
}

QString Params::oneOf(const QString &key, const QStringList &values, bool required)
{
    const QString text = string(key, required);
    if (!text.isEmpty() && !values.contains(text)) {
        fail(ApiError::invalid(
            u"Invalid %1: must be one of %2"_s.arg(name(key), values.join(u", "_s)), name(key)));
        return {};
    }
    return text;
}

std::optional<Params> Params::object(const QString &key, bool required)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined()) {
        if (required)
            fail(ApiError::invalid(u"Missing required param: %1."_s.arg(name(key)), name(key),
                                   u"parameter_missing"_s));
        return std::nullopt;
    }
    if (!v.isObject()) {
        fail(ApiError::invalid(u"Invalid object: %1 must be a hash"_s.arg(name(key)), name(key)));
        return std::nullopt;
    }
    return Params(v.toObject(), name(key));
}

QList<Params> Params::objects(const QString &key, bool required)
{
    const QJsonValue v = m_params.value(key);
    QList<Params> out;
    if (v.isUndefined()) {
        if (required)
            fail(ApiError::invalid(u"Missing required param: %1."_s.arg(name(key)), name(key),
                                   u"parameter_missing"_s));
        return out;
    }
    if (!v.isArray()) {
        fail(ApiError::invalid(u"Invalid array: %1 must be an array"_s.arg(name(key)), name(key)));
        return out;
    }
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemName = name(key) + u'[' + QString::number(i) + u']';
        if (!items.at(i).isObject()) {
            fail(ApiError::invalid(u"Invalid object: %1 must be a hash"_s.arg(itemName), itemName));
            return {};
        }
        out.append(Params(items.at(i).toObject(), itemName));
    }
    return out;
}

QStringList Params::strings(const QString &key)
{
    const QJsonValue v = m_params.value(key);
    QStringList out;
    if (v.isUndefined() || (v.isString() && v.toString().isEmpty()))
        return out;
    if (!v.isArray()) {
        fail(ApiError::invalid(u"Invalid array: %1 must be an array"_s.arg(name(key)), name(key)));
        return out;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString()) {
            fail(ApiError::invalid(u"Invalid array: %1 must hold strings"_s.arg(name(key)),
                                   name(key)));
            return {};
        }
        out.append(item.toString());
    }
    return out;
}

QJsonObject Params::metadata(const QString &key)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined() || (v.isString() && v.toString().isEmpty()))
        return {};
    if (!v.isObject()) {
        fail(ApiError::invalid(u"Invalid object: %1 must be a hash"_s.arg(name(key)), name(key)));
        return {};
    }
    const QJsonObject object = v.toObject();
    if (object.size() > 50)
        fail(ApiError::invalid(u"Metadata can have at most 50 keys."_s, name(key)));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString()) {
            fail(ApiError::invalid(u"Invalid metadata value for %1[%2]"_s.arg(name(key), it.key()),
                                   name(key) + u'[' + it.key() + u']'));
        } else if (text::codePoints(it.key()) > text::maxMetadataKeyLength ||
                   text::codePoints(it.value().toString()) > text::maxMetadataValueLength) {
            fail(ApiError::invalid(
                u"Metadata keys are at most 40 characters and values at most 500."_s,
                name(key) + u'[' + it.key() + u']'));
        }
    }
    return object;
}

QStringList expandList(const QJsonObject &params)
{
    const QJsonValue v = params.value(u"expand");
    QStringList out;
    if (v.isArray())
        for (const QJsonValue &item : v.toArray())
            out.append(item.toString());
    else if (v.isString() && !v.toString().isEmpty())
        out.append(v.toString());
    return out;
}

} // namespace remise::sandbox
