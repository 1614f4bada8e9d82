#include "apierror.h"

using namespace Qt::StringLiterals;

namespace remise::sandbox {

QJsonObject ApiError::toJson() const
{
    // Stripe's schema leaves absent fields out rather than writing null.
    QJsonObject error{{u"type"_s, type}, {u"message"_s, message}};
    if (!param.isEmpty())
        error.insert(u"param"_s, param);
    if (!code.isEmpty()) {
        error.insert(u"code"_s, code);
        error.insert(u"doc_url"_s, QString(u"https://docs.stripe.com/error-codes/"_s +
                                           QString(code).replace(u'_', u'-')));
    }
    return {{u"error"_s, error}};
}

QJsonObject ApiError::withRequestLog(QJsonObject body, const QString &requestId, qint64 nowSeconds)
{
    QJsonObject error = body.value(u"error").toObject();
    if (error.isEmpty() || requestId.isEmpty())
        return body;
    error.insert(
        u"request_log_url"_s,
        u"https://dashboard.stripe.com/test/logs/%1?t=%2"_s.arg(requestId).arg(nowSeconds));
    body.insert(u"error"_s, error);
    return body;
}

http::Response ApiError::toResponse() const
{
    return http::Response::json(status, toJson());
}

ApiError ApiError::invalid(const QString &message, const QString &param, const QString &code)
{
    ApiError e;
    e.message = message;
    e.param = param;
    e.code = code.isEmpty() && !param.isEmpty() ? u"parameter_invalid"_s : code;
    return e;
}

ApiError ApiError::notFound(const QString &what, const QString &id, const QString &param)
{
    ApiError e;
    e.status = 404;
    e.code = u"resource_missing"_s;
    e.message = u"No such %1: '%2'"_s.arg(what, id);
    e.param = param.isEmpty() ? u"id"_s : param;
    return e;
}

} // namespace remise::sandbox
