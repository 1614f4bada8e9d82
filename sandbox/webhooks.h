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

    /// {object: list, data: [{event, type, url, status, error, delivered_at}]}
    QJsonObject deliveries() const;

signals:
    void delivered(const QString &eventId, int status);

private:
    const Clock &m_clock;
    QNetworkAccessManager *m_network;
    QUrl m_url;
    QByteArray m_secret;
    QJsonArray m_deliveries;
};

} // namespace remise::sandbox
