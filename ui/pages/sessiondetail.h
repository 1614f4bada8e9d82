#pragma once

#include "updateworkflow.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QGroupBox;
class QLabel;
class QTreeWidget;

namespace remise::ui {

struct AppContext;

/// The detail pane of the Sessions page: the session's cart, totals, customer and address, its
/// current discount and who set it, the decision with every campaign's reason, the actions
/// (*Apply now*, *Remove discount*, *Simulate with a code*) and the session's activity
/// history. Every action goes through the same UpdateWorkflow as the command line; the decision
/// shown is the workflow's dry run, which changes nothing.
class SessionDetail : public QWidget
{
    Q_OBJECT
public:
    SessionDetail(AppContext &context, QWidget *parent = nullptr);

    /// Shows `sessionId` (empty: nothing selected): retrieves it and decides, off the UI thread.
    void showSession(const QString &sessionId);
    /// Retrieves and decides again.
    void reload();
    QString sessionId() const { return m_sessionId; }

    QAction *applyAction() const { return m_apply; }
    QAction *removeAction() const { return m_remove; }
    QAction *simulateAction() const { return m_simulate; }

    void applyNow();
    void removeDiscount();
    /// Dry run with `code` submitted: what the session would get, nothing sent or stored.
    void simulateCode(const QString &code);

signals:
    /// A run changed (or tried to change) the session: the list refreshes its row.
    void sessionChanged(const QString &sessionId);
    /// Loading finished (successfully or not); for tests and the status bar.
    void loaded(const QString &sessionId, bool ok);
    /// An update run finished with this message (shown in the pane too).
    void actionFinished(const QString &sessionId, bool ok, const QString &message);

private:
    void run(const UpdateRequest &request);
    void showOutcome(const UpdateOutcome &outcome);
    void showError(const Error &error);
    void fillDecision(QTreeWidget *tree, const Decision &decision);
    void fillHistory();
    void updateActions();
    QString actorName() const;

    AppContext &m_context;
    QString m_sessionId;
    quint64 m_generation = 0; ///< answers for a session no longer shown are dropped
    bool m_busy = false;
    bool m_open = false;
    bool m_hasDiscount = false;

    QAction *m_apply;
    QAction *m_remove;
    QAction *m_simulate;

    QLabel *m_placeholder;
    QWidget *m_content;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_message;
    QTreeWidget *m_items;
    QLabel *m_totals;
    QLabel *m_customer;
    QLabel *m_currentDiscount;
    QLabel *m_decisionSummary;
    QTreeWidget *m_decision;
    QGroupBox *m_simulationBox;
    QLabel *m_simulationSummary;
    QTreeWidget *m_simulation;
    QTreeWidget *m_history;
};

} // namespace remise::ui
