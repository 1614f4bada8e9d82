#include "customerspage.h"

#include "campaignsformat.h"
#include "customerimport.h"
#include "sqlitestore.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

// --- the model ----------------------------------------------------------------------------------

CustomerListModel::CustomerListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CustomerListModel::setProfiles(QList<CustomerProfile> profiles)
{
    beginResetModel();
    m_profiles = std::move(profiles);
    endResetModel();
}

int CustomerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size());
}

int CustomerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const CustomerProfile &p = m_profiles.at(index.row());
    switch (Column(index.column())) {
    case Email:
        return p.email;
    case Id:
        return p.id;
    case Tier:
        return p.loyaltyTier;
    case Orders:
        return role == Qt::EditRole ? QVariant(p.orderCount)
                                    : QVariant(QLocale().toString(p.orderCount));
    case Spend: {
        if (role == Qt::EditRole)
            return p.lifetimeSpend.isEmpty() ? 0 : p.lifetimeSpend.entries().first().second;
        QStringList parts;
        for (const auto &[currency, amount] : p.lifetimeSpend.entries())
            parts.append(formatMoney(amount, currency));
        return parts.join(u", "_s);
    }
    case Tags:
        return p.tags.join(u", "_s);
    case Metadata: {
        QStringList parts;
        for (auto it = p.metadata.begin(); it != p.metadata.end(); ++it)
            parts.append(it.key() + u" = "_s + it.value());
        return parts.join(u", "_s);
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CustomerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Email:
        return tr("Email");
    case Id:
        return tr("Stripe customer");
    case Tier:
        return tr("Loyalty tier");
    case Orders:
        return tr("Orders");
    case Spend:
        return tr("Lifetime spend");
    case Tags:
        return tr("Tags");
    case Metadata:
        return tr("Metadata");
    case ColumnCount:
        break;
    }
    return {};
}

// --- the page -----------------------------------------------------------------------------------

CustomersPage::CustomersPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new CustomerListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"customersPage"_s);
    auto *layout = new QVBoxLayout(this);
    auto *toolbar = new QToolBar(tr("Customer actions"), this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(toolbar);
    m_banner = new QLabel(this);
    m_banner->setObjectName(u"customersBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->hide();
    layout->addWidget(m_banner);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter customers by email, id, tier or tag (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter customers"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(Qt::EditRole);
    m_view = new QTableView(m_stack);
    m_view->setObjectName(u"customersView"_s);
    m_view->setAccessibleName(tr("Customer profiles"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_view);
    auto *empty = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(empty);
    auto *emptyText = new QLabel(tr("No customer profiles yet. Import a CSV or JSON file of your "
                                    "customers so segments can use their loyalty tier, orders "
                                    "and spend."),
                                 empty);
    emptyText->setObjectName(u"customersEmpty"_s);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    auto *emptyImport = new QPushButton(tr("Import a file…"), empty);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyText);
    emptyLayout->addWidget(emptyImport, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();
    m_stack->addWidget(empty);

    const auto chooseAndRun = [this](bool dryRun) {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import customer profiles"), {},
                                         tr("Customer files (*.csv *.json);;All files (*)"));
        if (!path.isEmpty())
            importFile(path, m_replace->isChecked(), dryRun);
    };
    m_import = new QAction(QIcon::fromTheme(u"document-import"_s), tr("&Import…"), this);
    connect(m_import, &QAction::triggered, this, [chooseAndRun] { chooseAndRun(false); });
    m_preview =
        new QAction(QIcon::fromTheme(u"document-preview"_s), tr("&Preview an import…"), this);
    m_preview->setToolTip(tr("Shows what an import would create and change, writing nothing."));
    connect(m_preview, &QAction::triggered, this, [chooseAndRun] { chooseAndRun(true); });
    m_replace = new QAction(tr("Replace whole profiles"), this);
    m_replace->setCheckable(true);
    m_replace->setToolTip(tr("Off: a file sets only the fields it has and the others keep their "
                             "values. On: fields the file leaves out are cleared."));
    toolbar->addAction(m_import);
    toolbar->addAction(m_preview);
    toolbar->addSeparator();
    toolbar->addAction(m_replace);
    connect(emptyImport, &QPushButton::clicked, m_import, &QAction::trigger);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_filter, [this] { m_filter->setFocus(); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_view->horizontalHeader()->restoreState(
        QSettings().value(u"customers/header"_s).toByteArray());
    reload();
}

CustomersPage::~CustomersPage()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    QSettings().setValue(u"customers/header"_s, m_view->horizontalHeader()->saveState());
}

void CustomersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void CustomersPage::reload()
{
    auto customers = m_context.store.customers();
    if (!customers) {
        m_banner->setText(customers.error().describe());
        m_banner->show();
        return;
    }
    m_model->setProfiles(*customers);
    m_stack->setCurrentIndex(customers->isEmpty() ? 1 : 0);
    m_view->resizeColumnsToContents();
}

void CustomersPage::importFile(const QString &path, bool replace, bool dryRun)
{
    if (m_thread)
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        finishImport(fail(errc::io, tr("Cannot read %1: %2").arg(path, file.errorString())), path,
                     0, dryRun);
        return;
    }
    const QByteArray bytes = file.readAll();
    // The whole file is validated first, as the command line does: all or nothing.
    auto patches =
        customerimport::readPatches(bytes, customerimport::guessFormat(path, bytes), path, replace);
    if (!patches) {
        finishImport(fail(patches.error()), path, 0, dryRun);
        return;
    }
    m_import->setEnabled(false);
    m_preview->setEnabled(false);
    m_progress->show();
    m_banner->setText(tr("Importing %n customer profile(s)…", nullptr, int(patches->size())));
    m_banner->show();
    const QString database = m_context.databasePath;
    const int count = int(patches->size());
    if (database.isEmpty()) {
        finishImport(m_context.store.mergeCustomers(*patches, dryRun), path, count, dryRun);
        return;
    }
    // A file of many profiles takes a while: its own connection, off the UI thread.
    m_thread = QThread::create([this, database, patches = *patches, path, count, dryRun] {
        Result<ImportReport> report = fail(errc::database, QString());
        if (auto store = SqliteStore::open(database))
            report = (*store)->mergeCustomers(patches, dryRun);
        else
            report = fail(store.error());
        QMetaObject::invokeMethod(
            this,
            [this, report, path, count, dryRun] { finishImport(report, path, count, dryRun); },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void CustomersPage::finishImport(const Result<ImportReport> &report, const QString &path,
                                 int profiles, bool dryRun)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_import->setEnabled(true);
    m_preview->setEnabled(true);
    m_progress->hide();
    QString message;
    if (!report) {
        message =
            tr("Nothing was imported from %1:").arg(path) + u"\n"_s + report.error().describe();
    } else {
        using Kind = ImportChange::Kind;
        const QString type = u"customer"_s;
        const QString counts = tr("%1 created, %2 changed, %3 unchanged.")
                                   .arg(report->count(type, Kind::Created))
                                   .arg(report->count(type, Kind::Changed))
                                   .arg(report->count(type, Kind::Unchanged));
        message = (dryRun ? tr("Importing %1 would read %n profile(s): nothing was written.",
                               nullptr, profiles)
                          : tr("Imported %n profile(s) from %1.", nullptr, profiles))
                      .arg(path) +
                  u' ' + counts;
    }
    m_banner->setText(message);
    m_banner->show();
    reload();
    emit importFinished(report.has_value(), message);
}

} // namespace remise::ui
