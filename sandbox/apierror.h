#pragma once

#include "server.h"

#include <QJsonObject>
#include <QString>

namespace remise::sandbox {

/// A Stripe-shaped failure: status and `{"error": {type, code, message, param, doc_url}}`
/// (code, param and doc_url left out when they do not apply, as Stripe's schema does).
struct ApiError
{
    int status = 400;
    QString type = QStringLiteral("invalid_request_error");
    QString code;
    QString message;
    QString param;

    QJsonObject toJson() const;
    http::Response toResponse() const;

    /// Adds `request_log_url` (Stripe's dashboard link for the request) to an error body.
    static QJsonObject withRequestLog(QJsonObject body, const QString &requestId,
                                      qint64 nowSeconds);

    static ApiError invalid(const QString &message, const QString &param = {},
                            const QString &code = {});
    static ApiError notFound(const QString &what, const QString &id, const QString &param = {});
};

/// What a /v1 handler produces: a JSON object with a status, or a Stripe error.
struct Reply
{
    int status = 200;
    QJsonObject body;

    static Reply ok(const QJsonObject &object) { return {200, object}; }
    static Reply error(const ApiError &error) { return {error.status, error.toJson()}; }
    bool isError() const { return status >= 400; }
};

} // namespace remise::sandbox
