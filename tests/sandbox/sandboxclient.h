#pragma once

// An in-process sandbox on a free loopback port and a small HTTP client for it, shared by the
// sandbox tests: /v1 calls are form-encoded (query string for GET), /_sandbox calls are JSON.

#include "formcodec.h"
#include "sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

#include <memory>

namespace remise::test {

inline const QByteArray previewVersion = "2025-03-31.basil; checkout_server_update_beta=v1";
inline const QByteArray gaVersion = "2025-03-31.basil";
inline const QByteArray testKey = "sk_test_sandboxTests42";

/// One HTTP answer: status (0 when the connection failed), headers, raw and parsed body.
struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray raw;
    QJsonObject body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject errorObject() const { return body.value(QStringLiteral("error")).toObject(); }
    QString errorParam() const { return errorObject().value(QStringLiteral("param")).toString(); }
    QString errorType() const { return errorObject().value(QStringLiteral("type")).toString(); }
    QString errorMessage() const
    {
        return errorObject().value(QStringLiteral("message")).toString();
    }
};

/// Options of one request beyond method, path and parameters.
struct Options
{
    QByteArray version = previewVersion;
    QByteArray key = testKey;
    QByteArray idempotencyKey = {};
    QByteArray rawBody = {}; ///< sent as is instead of the encoded parameters
};

class SandboxClient
{
public:
    explicit SandboxClient(const Clock &clock)
        : m_sandbox(std::make_unique<sandbox::Sandbox>(clock))
    {}

    bool start()
    {
        m_port = m_sandbox->listen(QHostAddress::LocalHost, 0);
        return m_port != 0;
    }

    sandbox::Sandbox &sandbox() { return *m_sandbox; }
    quint16 port() const { return m_port; }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    /// Starts a request without waiting for it.
    QNetworkReply *send(const QByteArray &method, const QString &path,
                        const QJsonObject &params = {}, const Options &options = {})
    {
        QUrl target = url(path);
        const bool helper = path.startsWith(QStringLiteral("/_sandbox"));
        QByteArray body = options.rawBody;
        if (body.isEmpty() && !params.isEmpty()) {
            if (helper)
                body = QJsonDocument(params).toJson(QJsonDocument::Compact);
            else if (method == "GET" || method == "DELETE")
                target.setQuery(QString::fromUtf8(form::encode(params)));
            else
                body = form::encode(params);
        }
        QNetworkRequest request(target);
        if (!options.key.isEmpty() && !helper)
            request.setRawHeader("Authorization", "Bearer " + options.key);
        if (!options.version.isEmpty() && !helper)
            request.setRawHeader("Stripe-Version", options.version);
        if (!options.idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", options.idempotencyKey);
        request.setHeader(
            QNetworkRequest::ContentTypeHeader,
            QByteArray(helper ? "application/json" : "application/x-www-form-urlencoded"));
        return m_network.sendCustomRequest(request, method, body);
    }

    /// Waits for a reply started by send() and reads it.
    static Answer wait(QNetworkReply *reply)
    {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(15000);
        }
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.error = reply->error();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            a.headers.insert(name.toLower(), value);
        a.raw = reply->readAll();
        a.body = QJsonDocument::fromJson(a.raw).object();
        reply->deleteLater();
        return a;
    }

    Answer call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                const Options &options = {})
    {
        return wait(send(method, path, params, options));
    }

    /// A session of the given items ({unit amount, quantity}), server-side discounts allowed.
    static QJsonObject sessionParams(std::initializer_list<std::pair<qint64, qint64>> items,
                                     const QString &currency = QStringLiteral("eur"))
    {
        QJsonArray lines;
        for (const auto &[amount, quantity] : items)
            lines.append(QJsonObject{
                {QStringLiteral("quantity"), quantity},
                {QStringLiteral("price_data"),
                 QJsonObject{{QStringLiteral("currency"), currency},
                             {QStringLiteral("unit_amount"), amount},
                             {QStringLiteral("product_data"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("Thing")}}}}}});
        return {{QStringLiteral("mode"), QStringLiteral("payment")},
                {QStringLiteral("ui_mode"), QStringLiteral("custom")},
                {QStringLiteral("return_url"), QStringLiteral("https://shop.example/r")},
                {QStringLiteral("line_items"), lines},
                {QStringLiteral("permissions"),
                 QJsonObject{{QStringLiteral("update_discounts"), QStringLiteral("server_only")}}}};
    }

    QString createSession(const QJsonObject &params)
    {
        const Answer a = call("POST", QStringLiteral("/v1/checkout/sessions"), params);
        if (a.status != 200)
            qWarning() << "could not create a session:" << a.raw;
        return a.body.value(QStringLiteral("id")).toString();
    }

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

} // namespace remise::test
