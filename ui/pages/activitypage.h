#pragma once

#include "store.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace remise::ui {

struct AppContext;
class ActivityModel;

/// The Activity page: every update by the service, the command line or the app (who, session,
/// before, after, Stripe request id, latency, outcome), filterable and exportable to CSV.
class ActivityPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int pageSize = 500;

    ActivityPage(AppContext &context, QWidget *parent = nullptr);
    ~ActivityPage() override;

    void reload();
    void loadOlder();
    /// Asks for a file, then exports every entry the filter matches (not only those loaded).
    void exportCsv();
    /// Exports to `path` in a worker thread with its own database connection; exportProgress
    /// follows it, exportFinished tells the outcome. The file appears only when the export
    /// succeeds (QSaveFile): a failed or cancelled export leaves `path` as it was.
    void exportCsvTo(const QString &path);
    /// Asks the running export to stop (from any thread); it ends with exportFinished(false).
    void cancelExport();

    ActivityModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *exportAction() const { return m_export; }

public slots:
    void focusSearch();

signals:
    /// Emitted from the export's worker thread after each page of entries it wrote.
    void exportProgress(qint64 rows);
    void exportFinished(bool ok, qint64 rows, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    ActivityFilter filter() const;
    void updateEmptyState();

    AppContext &m_context;
    ActivityModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QToolBar *m_toolBar;
    QComboBox *m_outcome;
    QLineEdit *m_session;
    QLineEdit *m_search;
    QLabel *m_state;
    QLabel *m_empty;
    QAction *m_export;
    QAction *m_older;
    bool m_exhausted = false;
    std::shared_ptr<std::atomic_bool> m_exportCancel;
    QThread *m_exportThread = nullptr;
};

} // namespace remise::ui
