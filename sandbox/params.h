#pragma once

#include "apierror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace remise::sandbox {

/// Reads decoded form parameters (strings in nested objects and arrays, see form::decode) the
/// way Stripe does: unknown names refused, integers and booleans parsed strictly, and every
/// error naming the parameter as the client sent it (`line_items[0][price_data][currency]`).
/// The first problem is kept; later reads become no-ops.
class Params
{
public:
    explicit Params(QJsonObject params, QString prefix = {});

    /// Refuses any key not listed ("Received unknown parameter: …").
    Params &allow(const QStringList &keys);

    bool has(const QString &key) const;
    /// "a[b]" for key "b" under prefix "a".
    QString name(const QString &key) const;

    QString string(const QString &key, bool required = false, int maxLength = 5000);
    std::optional<qint64> integer(const QString &key, bool required = false, qint64 min = 0,
                                  qint64 max = 99'999'999'999);
    std::optional<double> number(const QString &key, double min, double max);
    std::optional<bool> boolean(const QString &key);
    QString oneOf(const QString &key, const QStringList &values, bool required = false);
    /// A nested object, read with its own prefix.
    std::optional<Params> object(const QString &key, bool required = false);
    /// An array of nested objects (indexed `a[0][…]`).
    QList<Params> objects(const QString &key, bool required = false);
    QStringList strings(const QString &key);
    /// metadata[k]=v: string values, at most 50 keys; an empty value unsets.
    QJsonObject metadata(const QString &key = QStringLiteral("metadata"));
    /// True when the client sent `key=` (empty string): Stripe's "unset".
    bool isEmptyValue(const QString &key) const;

    bool ok() const { return !m_error; }
    const ApiError &error() const { return *m_error; }
    void fail(const ApiError &error);
    /// Passes a nested reader's first error up.
    void take(const Params &child);
    const QJsonObject &raw() const { return m_params; }

private:
    QJsonObject m_params;
    QString m_prefix;
    std::optional<ApiError> m_error;
};

/// expand[] values of a request (`expand[]=a&expand[]=b` or indexed).
QStringList expandList(const QJsonObject &params);

} // namespace remise::sandbox
