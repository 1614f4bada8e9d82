#pragma once

#include "appcontext.h"
#include "campaign.h"
#include "impact.h"
#include "session.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace remise::ui {

/// Computes a draft's impact (drafts::computeImpact) for the Publish dialog: lists the open and
/// the last completed test-mode Checkout Sessions through the Stripe client (asynchronously),
/// then decides them with both rule books on a worker thread with its own database connection.
/// Writes nothing anywhere. Cancellable at any point.
class ImpactRunner : public QObject
{
    Q_OBJECT
public:
    /// How many sessions of each kind are read at most.
    static constexpr int maxOpenSessions = 1000;
    static constexpr int backtestSessions = 200;

    ImpactRunner(AppContext &context, CampaignSet live, CampaignSet draft,
                 QObject *parent = nullptr);
    ~ImpactRunner() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &text);
    /// Once, when done, cancelled or failed (`error` set, the report possibly partial).
    void finished(const remise::drafts::ImpactReport &report, const QString &error);

private:
    void listCompleted(QList<SessionSnapshot> open);
    void compute(QList<SessionSnapshot> open, QList<SessionSnapshot> completed);
    void done(const drafts::ImpactReport &report, const QString &error);

    AppContext &m_context;
    CampaignSet m_live;
    CampaignSet m_draft;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QThread *m_thread = nullptr;
    bool m_running = false;
};

} // namespace remise::ui
