#include "impactrunner.h"

#include "client.h"
#include "sqlitestore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

QList<SessionSnapshot> readSessions(const QJsonArray &items, QStringList *skipped)
{
    QList<SessionSnapshot> out;
    for (const QJsonValue &v : items) {
        auto s = SessionSnapshot::fromStripe(v.toObject());
        if (!s) {
            skipped->append(v.toObject().value(u"id").toString() + u": "_s + s.error().describe());
            continue;
        }
        if (!s->livemode && s->mode == u"payment")
            out.append(*s);
    }
    return out;
}

const QJsonObject listParams(const QString &status)
{
    return QJsonObject{{u"status"_s, status},
                       {u"expand"_s, QJsonArray{u"data.line_items"_s, u"data.customer"_s,
                                                u"data.discounts.coupon"_s}}};
}

drafts::ImpactReport cancelledReport()
{
    drafts::ImpactReport report;
    report.cancelled = true;
    return report;
}

} // namespace

ImpactRunner::ImpactRunner(AppContext &context, CampaignSet live, CampaignSet draft,
                           QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_live(std::move(live))
    , m_draft(std::move(draft))
{}

ImpactRunner::~ImpactRunner()
{
    m_cancel->store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ImpactRunner::start()
{
    m_running = true;
    if (!m_context.stripe) {
        compute({}, {});
        return;
    }
    emit progress(tr("Reading the open test sessions from Stripe…"));
    m_context.stripe->listAll(
        u"/v1/checkout/sessions"_s, listParams(u"open"_s), maxOpenSessions, this,
        [this](stripe::StripeResult<QJsonArray> items) {
            if (m_cancel->load())
                return done(cancelledReport(), tr("Cancelled."));
            if (!items)
                return done(
                    {},
                    tr("The open sessions could not be read: %1").arg(items.error().describe()));
            QStringList skipped;
            QList<SessionSnapshot> open = readSessions(*items, &skipped);
            listCompleted(std::move(open));
        });
}

void ImpactRunner::listCompleted(QList<SessionSnapshot> open)
{
    emit progress(tr("Reading the last completed sessions from Stripe…"));
    m_context.stripe->listAll(
        u"/v1/checkout/sessions"_s, listParams(u"complete"_s), backtestSessions, this,
        [this, open](stripe::StripeResult<QJsonArray> items) {
            if (m_cancel->load())
                return done(cancelledReport(), tr("Cancelled."));
            if (!items)
                return done({}, tr("The completed sessions could not be read: %1")
                                    .arg(items.error().describe()));
            QStringList skipped;
            compute(open, readSessions(*items, &skipped));
        });
}

void ImpactRunner::compute(QList<SessionSnapshot> open, QList<SessionSnapshot> completed)
{
    emit progress(tr("Deciding %n session(s) with the live rules and with the draft…", nullptr,
                     int(open.size() + completed.size())));
    const QString path = m_context.databasePath;
    const qint64 now = m_context.clock.nowMs();
    if (path.isEmpty()) {
        // No file to open a second connection on: small enough to do here.
        return done(drafts::computeImpact(m_context.store, m_live, m_draft, open, completed, now,
                                          m_cancel.get()),
                    {});
    }
    m_thread = QThread::create(
        [this, path, now, open, completed, cancel = m_cancel, live = m_live, draft = m_draft] {
            drafts::ImpactReport report;
            QString error;
            auto store = SqliteStore::open(path);
            if (!store)
                error = store.error().describe();
            else
                report =
                    drafts::computeImpact(**store, live, draft, open, completed, now, cancel.get());
            if (report.cancelled)
                error = tr("Cancelled.");
            QMetaObject::invokeMethod(
                this, [this, report, error] { done(report, error); }, Qt::QueuedConnection);
        });
    m_thread->start();
}

void ImpactRunner::cancel()
{
    m_cancel->store(true);
}

void ImpactRunner::done(const drafts::ImpactReport &report, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    emit finished(report, error);
}

} // namespace remise::ui
