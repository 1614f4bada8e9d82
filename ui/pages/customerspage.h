#pragma once

#include "appcontext.h"
#include "customer.h"
#include "result.h"
#include "store.h"

#include <QAbstractTableModel>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QThread;

namespace remise::ui {

/// The local customer profiles, one row each.
class CustomerListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Email, Id, Tier, Orders, Spend, Tags, Metadata, ColumnCount };

    explicit CustomerListModel(QObject *parent = nullptr);
    void setProfiles(QList<CustomerProfile> profiles);
    const QList<CustomerProfile> &profiles() const { return m_profiles; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<CustomerProfile> m_profiles;
};

/// The Customers page: the local profiles (filterable, sortable) and their import from CSV or
/// JSON with the command line's merge rules (a file sets only the fields it has; "Replace whole
/// profiles" clears the others), off the UI thread, with a preview that writes nothing.
class CustomersPage : public QWidget
{
    Q_OBJECT
public:
    CustomersPage(AppContext &context, QWidget *parent = nullptr);
    ~CustomersPage() override;

    void reload();
    /// Imports (or, with `dryRun`, previews) a file; the report arrives with importFinished().
    void importFile(const QString &path, bool replace, bool dryRun);
    bool isImporting() const { return m_thread != nullptr; }

    QTableView *view() const { return m_view; }
    CustomerListModel *model() const { return m_model; }
    QLabel *banner() const { return m_banner; }
    QAction *importAction() const { return m_import; }
    QAction *replaceAction() const { return m_replace; }

signals:
    void importFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void finishImport(const Result<ImportReport> &report, const QString &path, int profiles,
                      bool dryRun);

    AppContext &m_context;
    CustomerListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_banner = nullptr;
    QProgressBar *m_progress = nullptr;
    QAction *m_import = nullptr;
    QAction *m_preview = nullptr;
    QAction *m_replace = nullptr;
    QThread *m_thread = nullptr;
};

} // namespace remise::ui
