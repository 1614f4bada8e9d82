#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

namespace remise {
class Clock;
class Store;
namespace stripe {
class Client;
}
} // namespace remise

namespace remise::api {

class Metrics;

/// `POST /v1/webhooks/stripe` (docs/operations.md, "Webhooks"): verifies the Stripe-Signature
/// against each configured secret (the current one and, during a rotation, the previous one),
/// then settles the session's reservations:
///  - checkout.session.completed: re-reads the session from Stripe (the event is only a
///    notice), commits the redemptions its Remise discount carries and counts the order in the
///    customer's profile (order_count, lifetime_spend);
///  - checkout.session.expired: releases the session's reservations.
/// Each event id is handled once (the store remembers it); the settling steps are themselves
/// idempotent, so duplicate or out-of-order deliveries are harmless. A failure that Stripe
/// should retry (Stripe or the store unreachable) answers 503 and marks nothing.
class WebhookHandler : public QObject
{
    Q_OBJECT
public:
    using Answer = std::function<void(int status, const QJsonObject &body)>;

    WebhookHandler(stripe::Client &client, Store &store, const Clock &clock,
                   QList<QByteArray> secrets, qint64 toleranceSeconds, Metrics &metrics,
                   QObject *parent = nullptr);

    bool configured() const { return !m_secrets.isEmpty(); }
    void handle(const QByteArray &body, const QByteArray &signature, Answer answer);

private:
    void completed(const QString &eventId, const QString &type, const QString &sessionId,
                   Answer answer);
    /// Marks the event handled (once) and records it in the activity log.
    void finish(const QString &eventId, const QString &type, const QString &sessionId,
                Answer answer);

    stripe::Client &m_client;
    Store &m_store;
    const Clock &m_clock;
    QList<QByteArray> m_secrets;
    qint64 m_tolerance;
    Metrics &m_metrics;
};

} // namespace remise::api
