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
    m_events.append(event);
    if (isConfigured())
        deliver(event, false);
    return event;
}

void Webhooks::deliver(const QJsonObject &event, bool redelivery)
{
    const QString eventId = event.value(u"id").toString();
    const QString type = event.value(u"type").toString();
    const qint64 now = m_clock.nowMs() / 1000;
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
    connect(reply, &QNetworkReply::finished, this, [this, reply, eventId, type, url, redelivery] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QJsonObject delivery{{u"event"_s, eventId},
                             {u"type"_s, type},
                             {u"url"_s, url},
                             {u"status"_s, status},
                             {u"delivered_at"_s, m_clock.nowMs()},
                             {u"redelivery"_s, redelivery}};
        if (status == 0)
            delivery.insert(u"error"_s, reply->errorString());
        m_deliveries.append(delivery);
        qCInfo(lcSandbox).noquote()
            << (redelivery ? "webhook (redelivery)" : "webhook") << type << eventId << "->" << url
            << (status ? QString::number(status) : reply->errorString());
        emit delivered(eventId, status);
    });
}

QJsonObject Webhooks::deliveries() const
{
    return {{u"object"_s, u"list"_s}, {u"data"_s, m_deliveries}};
}

QJsonObject Webhooks::events() const
{
    QJsonArray data;
    for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
        QJsonObject entry = *it;
        QJsonArray sent;
        for (const QJsonValue &d : m_deliveries)
            if (d.toObject().value(u"event") == entry.value(u"id"))
                sent.append(d);
        entry.insert(u"deliveries"_s, sent);
        data.append(entry);
    }
    return {{u"object"_s, u"list"_s}, {u"data"_s, data}};
}

QJsonObject Webhooks::event(const QString &eventId) const
{
    for (const QJsonObject &e : m_events)
        if (e.value(u"id").toString() == eventId)
            return e;
    return {};
}

bool Webhooks::redeliver(const QString &eventId)
{
    const QJsonObject e = event(eventId);
    if (e.isEmpty() || !isConfigured())
        return false;
    deliver(e, true);
    return true;
}

} // namespace remise::sandbox
