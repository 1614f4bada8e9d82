#include "webhookhandler.h"

#include "apierrors.h"
#include "client.h"
#include "clock.h"
#include "decision.h"
#include "json.h"
#include "logging.h"
#include "metrics.h"
#include "session.h"
#include "store.h"
#include "webhooksignature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

QJsonObject error(const QString &code, const QString &message)
{
    return QJsonObject{{u"type"_s, u"error"_s}, {u"code"_s, code}, {u"message"_s, message}};
}

const QRegularExpression &sessionIdShape()
{
    static const QRegularExpression re(u"^cs_(test|live)_[A-Za-z0-9]{1,250}$"_s);
    return re;
}

} // namespace

WebhookHandler::WebhookHandler(stripe::Client &client, Store &store, const Clock &clock,
                               QList<QByteArray> secrets, qint64 toleranceSeconds, Metrics &metrics,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_secrets(std::move(secrets))
    , m_tolerance(toleranceSeconds)
    , m_metrics(metrics)
{}

void WebhookHandler::handle(const QByteArray &body, const QByteArray &signature, Answer answer)
{
    if (m_secrets.isEmpty()) {
        m_metrics.webhook(u"unknown"_s, u"not_configured"_s);
        return answer(503, error(apierrc::webhooksDisabled, u"Webhooks are not configured."_s));
    }
    const qint64 nowSeconds = m_clock.nowMs() / 1000;
    QString why;
    bool verified = false;
    for (const QByteArray &secret : std::as_const(m_secrets)) {
        const Status checked = webhook::verify(body, signature, secret, nowSeconds, m_tolerance);
        if (checked) {
            verified = true;
            break;
        }
        why = checked.error().code;
    }
    if (!verified) {
        qCInfo(lcHttp).noquote() << "webhook refused:" << why;
        m_metrics.webhook(u"unknown"_s, u"bad_signature"_s);
        return answer(400, error(apierrc::signatureInvalid,
                                 u"The webhook signature is not valid (%1)."_s.arg(why)));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject event = document.object();
    const QString eventId = json::string(event, u"id");
    const QString type = json::string(event, u"type");
    const QJsonObject object = json::object(json::object(event, u"data"), u"object");
    static const QRegularExpression eventShape(u"^evt_[A-Za-z0-9_]{1,250}$"_s);
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        !eventShape.match(eventId).hasMatch() || type.isEmpty() || type.size() > 100) {
        m_metrics.webhook(u"unknown"_s, u"malformed"_s);
        return answer(400, error(u"invalid_json"_s, u"The event is not a Stripe event."_s));
    }
    if (type != u"checkout.session.completed" && type != u"checkout.session.expired") {
        m_metrics.webhook(type, u"ignored"_s);
        return answer(200, QJsonObject{{u"received"_s, true}, {u"handled"_s, false}});
    }
    const QString sessionId = json::string(object, u"id");
    if (!sessionIdShape().match(sessionId).hasMatch()) {
        m_metrics.webhook(type, u"malformed"_s);
        return answer(400, error(u"invalid_json"_s, u"The event carries no Checkout Session."_s));
    }
    if (type == u"checkout.session.expired") {
        if (auto released = m_store.releaseSession(sessionId); !released) {
            qCWarning(lcHttp).noquote() << "webhook" << eventId << "could not release" << sessionId
                                        << released.error().describe();
            m_metrics.webhook(type, u"retry"_s);
            return answer(503, error(u"database_error"_s, u"Try again later."_s));
        }
        return finish(eventId, type, sessionId, std::move(answer));
    }
    completed(eventId, type, sessionId, std::move(answer));
}

void WebhookHandler::completed(const QString &eventId, const QString &type,
                               const QString &sessionId, Answer answer)
{
    // The event is a notice: the session as Stripe has it now says which discount was paid.
    const QJsonObject params{{u"expand"_s, QJsonArray{u"discounts.coupon"_s, u"customer"_s}}};
    m_client.get(
        u"/v1/checkout/sessions/"_s + sessionId, params, this,
        [this, eventId, type, sessionId,
         answer = std::move(answer)](stripe::StripeResult<stripe::Response> response) {
            if (!response) {
                qCWarning(lcHttp).noquote() << "webhook" << eventId << "could not read" << sessionId
                                            << response.error().describe();
                const bool gone = response.error().kind == stripe::ApiError::Kind::NotFound;
                m_metrics.webhook(type, gone ? u"unknown_session"_s : u"retry"_s);
                if (gone)
                    return answer(200, QJsonObject{{u"received"_s, true}, {u"handled"_s, false}});
                return answer(503, error(u"stripe_unavailable"_s, u"Try again later."_s));
            }
            auto session = SessionSnapshot::fromStripe(response->body);
            if (!session || session->status != u"complete") {
                // Not (or no longer) a completed session: nothing to commit.
                m_metrics.webhook(type, u"ignored"_s);
                return answer(200, QJsonObject{{u"received"_s, true}, {u"handled"_s, false}});
            }
            const qint64 now = m_clock.nowMs();
            const QString email = !session->detailsEmail.isEmpty() ? session->detailsEmail
                                  : session->customer              ? session->customer->email
                                                                   : session->customerEmail;
            auto profile = m_store.findCustomer(session->customerId, email);
            if (!profile) {
                m_metrics.webhook(type, u"retry"_s);
                return answer(503, error(u"database_error"_s, u"Try again later."_s));
            }
            const SessionDiscount *remise = nullptr;
            for (const SessionDiscount &d : std::as_const(session->discounts))
                if (!d.metadata.value(metadatakeys::campaigns).isEmpty())
                    remise = &d;
            // One path with reconcile (Store::completeOrder): the redemptions, the customer's
            // order count and lifetime spend are recorded once per session, whichever of the
            // webhook and the reconcile sweep sees the completed session first.
            CompletedOrder order;
            order.sessionId = sessionId;
            order.customerKey = CustomerContext::build(*session, *profile).key();
            order.customerId = session->customerId;
            order.email = email;
            order.currency = session->currency;
            order.amountTotal =
                session->amountTotal.value_or(session->subtotal - session->amountDiscount);
            order.completedMs = now;
            if (remise) {
                order.decisionId = remise->metadata.value(metadatakeys::decision);
                const QStringList campaigns =
                    remise->metadata.value(metadatakeys::campaigns).split(u',', Qt::SkipEmptyParts);
                // Each campaign's share as reserved for this decision; the reservation also
                // knows the customer as the workflow saw it.
                if (auto held = m_store.reservations(sessionId)) {
                    for (const Reservation &r : std::as_const(*held))
                        if (r.decisionId == order.decisionId && campaigns.contains(r.campaignId)) {
                            order.lines.append({r.campaignId, r.amount});
                            if (!r.customerKey.isEmpty())
                                order.customerKey = r.customerKey;
                        }
                }
                if (order.lines.isEmpty()) {
                    // No reservation left (purged): the whole discount on the first campaign,
                    // nothing on the others, so that no budget is undercounted.
                    const qint64 amount = remise->amountOff.value_or(session->amountDiscount);
                    for (qsizetype i = 0; i < campaigns.size(); ++i)
                        order.lines.append({campaigns.at(i), i == 0 ? amount : 0});
                }
            }
            if (auto settled = m_store.completeOrder(order); !settled) {
                qCWarning(lcHttp).noquote() << "webhook" << eventId << "could not settle"
                                            << sessionId << settled.error().describe();
                m_metrics.webhook(type, u"retry"_s);
                return answer(503, error(u"database_error"_s, u"Try again later."_s));
            }
            finish(eventId, type, sessionId, answer);
        });
}

void WebhookHandler::finish(const QString &eventId, const QString &type, const QString &sessionId,
                            Answer answer)
{
    const qint64 now = m_clock.nowMs();
    auto first = m_store.markEventProcessed(eventId, type, now);
    if (!first) {
        m_metrics.webhook(type, u"retry"_s);
        return answer(503, error(u"database_error"_s, u"Try again later."_s));
    }
    if (!*first) {
        m_metrics.webhook(type, u"duplicate"_s);
        return answer(200, QJsonObject{{u"received"_s, true}, {u"duplicate"_s, true}});
    }
    ActivityEntry entry;
    entry.atMs = now;
    entry.actor = u"webhook"_s;
    entry.action = u"webhook"_s;
    entry.sessionId = sessionId;
    entry.outcome = type == u"checkout.session.completed" ? u"committed"_s : u"released"_s;
    entry.message = type + u' ' + eventId;
    if (auto appended = m_store.appendActivity(entry); !appended)
        qCWarning(lcHttp).noquote() << "could not record activity:" << appended.error().describe();
    qCInfo(lcHttp).noquote() << "webhook" << type << eventId << "handled for" << sessionId;
    m_metrics.webhook(type, u"handled"_s);
    answer(200, QJsonObject{{u"received"_s, true}, {u"handled"_s, true}});
}

} // namespace remise::api
