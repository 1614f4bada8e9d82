#pragma once

#include "client.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QCheckBox;
class QSplitter;
class QTableView;
class QTimer;
class QToolBar;

namespace remise::ui {

struct AppContext;
class SessionDetail;
class SessionsModel;
class SessionsFilterModel;
struct SessionRow;

/// The Sessions page: the live list of Checkout Sessions read from Stripe (auto-refreshed
/// within Stripe's rate limits, backing off on 429 and saying so), a status filter, a search by
/// email or id, and the selected session's detail (docs/desktop.md).
class SessionsPage : public QWidget
{
    Q_OBJECT
public:
    /// The newest sessions an auto-refresh re-reads (one Stripe page).
    static constexpr int refreshPageSize = 100;

    SessionsPage(AppContext &context, QWidget *parent = nullptr);
    ~SessionsPage() override;

    /// Reads every session (up to maxSessions), page by page, with progress and Cancel.
    void reload();
    void cancel();
    /// Re-reads the newest page only and merges it (what the auto-refresh does).
    void refreshNewest();
    void setAutoRefreshInterval(std::chrono::milliseconds interval);
    void setMaxSessions(int max) { m_maxSessions = max; }
    bool isLoading() const { return m_loading; }
    /// The wait added after Stripe refused (429) or failed; zero when all is well.
    std::chrono::milliseconds backoff() const { return m_backoff; }

    SessionsModel *model() const { return m_model; }
    SessionsFilterModel *filterModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    SessionDetail *detail() const { return m_detail; }
    QToolBar *toolBar() const { return m_toolBar; }
    QList<QAction *> sessionActions() const;

public slots:
    void focusSearch();
    /// Selects the session in the list (clearing the filter if it hides it) and shows it.
    bool selectSession(const QString &id);

signals:
    /// For the status bar: whether Stripe answers, and what the page is waiting for.
    void connectionChanged(const QString &text, bool ok);
    void loadFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Load;
    void fetchPage(std::shared_ptr<Load> load);
    void finishLoad(std::shared_ptr<Load> load, const stripe::ApiError *error);
    void scheduleRefresh();
    void updateEmptyState();
    void refreshRow(const QString &id);

    AppContext &m_context;
    SessionsModel *m_model;
    SessionsFilterModel *m_proxy;
    QTableView *m_view;
    SessionDetail *m_detail;
    QToolBar *m_toolBar;
    QSplitter *m_splitter;
    QComboBox *m_status;
    QLineEdit *m_search;
    QCheckBox *m_auto;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QAction *m_progressAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QLabel *m_state;
    QLabel *m_empty;
    QAction *m_refresh;
    QTimer *m_timer;
    QTimer *m_selectionDelay;

    std::shared_ptr<Load> m_load;
    bool m_loading = false;
    bool m_loadedOnce = false;
    int m_maxSessions = 10'000;
    std::chrono::milliseconds m_interval{20'000};
    std::chrono::milliseconds m_backoff{0};
    QElapsedTimer m_sinceRefresh;
};

} // namespace remise::ui
