#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace remise {
class Clock;
}

namespace remise::sandbox {

/// Sends signed Stripe events to the configured endpoint and remembers every delivery.
class Webhooks : public QObject
{
    Q_OBJECT
public:
    Webhooks(const Clock &clock, QObject *parent = nullptr);
    ~Webhooks() override;

    void configure(const QUrl &url, const QByteArray &secret);
    bool isConfigured() const { return m_url.isValid() && !m_secret.isEmpty(); }
    QJsonObject configuration() const;

    /// Builds the event `type` about `object` and delivers it (asynchronously) if configured.
    /// `requestId` and `idempotencyKey` name the API request that caused it (empty: none, as
    /// for a customer's action). Returns the event.
    QJsonObject send(const QString &type, const QJsonObject &object, const QString &eventId,
                     const QString &requestId = {}, const QString &idempotencyKey = {});

    /// {object: list, data: [{event, type, url, status, error, delivered_at, redelivery}]}
    QJsonObject deliveries() const;

    /// Every event built so far, newest first, each with its deliveries: {object: list, data}.
    QJsonObject events() const;
    /// One event by id; an empty object when unknown.
    QJsonObject event(const QString &eventId) const;
    /// Sends a recorded event again to the configured endpoint, freshly signed, as Stripe's
    /// "resend" does: same id and body. False when the event is unknown or no endpoint is set.
    bool redeliver(const QString &eventId);

signals:
    void delivered(const QString &eventId, int status);

private:
    void deliver(const QJsonObject &event, bool redelivery);

    const Clock &m_clock;
    QNetworkAccessManager *m_network;
    QUrl m_url;
    QByteArray m_secret;
    QJsonArray m_deliveries;
    QList<QJsonObject> m_events; ///< oldest first
};

} // namespace remise::sandbox
