#pragma once

#include "appcontext.h"
#include "impact.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace remise::drafts {
class DraftSession;
}

namespace remise::ui {

class ImpactRunner;

/// Publishing the draft: the diff against the live rule book, its impact on open test sessions
/// and a backtest over the last completed ones (live and draft side by side), then one
/// transaction that makes the draft live.
class PublishDialog : public QDialog
{
    Q_OBJECT
public:
    PublishDialog(AppContext &context, drafts::DraftSession &draft, QWidget *parent = nullptr);
    ~PublishDialog() override;

    /// Starts computing the impact (off the UI thread); the dialog shows progress.
    void start();
    bool isComputing() const;

    QTreeWidget *diffView() const { return m_diff; }
    QTableWidget *impactView() const { return m_impact; }
    QLabel *impactSummary() const { return m_impactSummary; }
    QTableWidget *backtestView() const { return m_backtest; }
    QPushButton *publishButton() const { return m_publishButton; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *message() const { return m_message; }
    const drafts::ImpactReport &report() const { return m_report; }

signals:
    void published();
    /// The impact computation ended (finished, failed or cancelled).
    void impactReady();

private:
    void showImpact(const drafts::ImpactReport &report, const QString &error);
    void publish();

    AppContext &m_context;
    drafts::DraftSession &m_draft;
    ImpactRunner *m_runner = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QTreeWidget *m_diff = nullptr;
    QLabel *m_impactSummary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QTableWidget *m_impact = nullptr;
    QTableWidget *m_backtest = nullptr;
    QPushButton *m_publishButton = nullptr;
    drafts::ImpactReport m_report;
    bool m_blocked = false;
};

} // namespace remise::ui
