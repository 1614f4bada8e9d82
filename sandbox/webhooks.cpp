#include "webhooks.h"

#include "clock.h"
#include "json.h"
#include "logging.h"
#include "webhooksignature.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

Webhooks::Webhooks(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{}

Webhooks::~Webhooks() = default;

void Webhooks::configure(const QUrl &url, const QByteArray &secret)
{
    m_url = url;
    m_secret = secret;
}

QJsonObject Webhooks::configuration() const
{
    return {{u"url"_s, m_url.isValid() ? QJsonValue(m_url.toString()) : QJsonValue()},
            {u"secret_configured"_s, !m_secret.isEmpty()}};
}

QJsonObject Webhooks::send(const QString &type, const QJsonObject &object, const QString &eventId,
                           const QString &requestId, const QString &idempotencyKey)
{
    const auto orNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue() : QJsonValue(s);
    };
    const qint64 now = m_clock.nowMs() / 1000;
    const QJsonObject event{
        {u"id"_s, eventId},
        {u"object"_s, u"event"_s},
        {u"api_version"_s, u"2025-03-31.basil"_s},
        {u"created"_s, now},
        {u"data"_s, QJsonObject{{u"object"_s, object}}},
        {u"livemode"_s, false},
        {u"pending_webhooks"_s, 1},
        {u"request"_s,
         QJsonObject{{u"id"_s, orNull(requestId)}, {u"idempotency_key"_s, orNull(idempotencyKey)}}},
        {u"type"_s, type}};
    if (!isConfigured())
        return event;
    const QByteArray body = json::write(event, json::Style::Compact);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/json; charset=utf-8"));
    request.setRawHeader("Stripe-Signature", webhook::sign(body, m_secret, now));
    request.setRawHeader("User-Agent",
                         "Stripe/1.0 (+https://stripe.com/docs/webhooks) remise-sandbox");
    request.setTransferTimeout(10'000);
    QNetworkReply *reply = m_network->post(request, body);
    const QString url = m_url.toString();
    connect(reply, &QNetworkReply::finished, this, [this, reply, eventId, type, url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QJsonObject delivery{{u"event"_s, eventId},
                             {u"type"_s, type},
                             {u"url"_s, url},
                             {u"status"_s, status},
                             {u"delivered_at"_s, m_clock.nowMs()}};
        if (status == 0)
            delivery.insert(u"error"_s, reply->errorString());
        m_deliveries.append(delivery);
        qCInfo(lcSandbox).noquote() << "webhook" << type << eventId << "->" << url
                                    << (status ? QString::number(status) : reply->errorString());
        emit delivered(eventId, status);
    });
    return event;
}

QJsonObject Webhooks::deliveries() const
{
    return {{u"object"_s, u"list"_s}, {u"data"_s, m_deliveries}};
}

} // namespace remise::sandbox
