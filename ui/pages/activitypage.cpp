#include "activitypage.h"

#include "activitymodel.h"
#include "appcontext.h"
#include "sqlitestore.h"
#include "text.h"
#include "uisettings.h"
#include "updateworkflow.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

ActivityPage::ActivityPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(u"activityPage"_s);
    m_model = new ActivityModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ActivityModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_toolBar = new QToolBar(tr("Activity"), this);
    m_toolBar->setObjectName(u"activityToolBar"_s);
    QAction *refresh = m_toolBar->addAction(tr("&Refresh"));
    refresh->setObjectName(u"refreshActivity"_s);
    refresh->setShortcut(QKeySequence::Refresh);
    // F5 refreshes the page in view (each page has its own Refresh).
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, &ActivityPage::reload);
    m_export = m_toolBar->addAction(tr("&Export CSV…"));
    m_export->setObjectName(u"exportActivity"_s);
    m_export->setToolTip(tr("Save every entry the filter matches as a CSV file"));
    connect(m_export, &QAction::triggered, this, &ActivityPage::exportCsv);
    m_toolBar->addSeparator();

    auto *outcomeLabel = new QLabel(tr("&Outcome:"), m_toolBar);
    m_outcome = new QComboBox(m_toolBar);
    m_outcome->setObjectName(u"outcomeFilter"_s);
    m_outcome->setAccessibleName(tr("Outcome filter"));
    m_outcome->addItem(tr("All"), QString());
    for (const QString &o : {u"applied"_s, u"removed"_s, u"unchanged"_s, u"refused"_s, u"failed"_s})
        m_outcome->addItem(text::outcome(o), o);
    outcomeLabel->setBuddy(m_outcome);
    m_toolBar->addWidget(outcomeLabel);
    m_toolBar->addWidget(m_outcome);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &ActivityPage::reload);

    m_session = new QLineEdit(m_toolBar);
    m_session->setObjectName(u"activitySession"_s);
    m_session->setPlaceholderText(tr("Session id (exact)"));
    m_session->setAccessibleName(tr("Session filter"));
    m_session->setClearButtonEnabled(true);
    m_session->setMinimumWidth(
        m_session->fontMetrics().horizontalAdvance(m_session->placeholderText()) + 40);
    m_session->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_toolBar->addWidget(m_session);
    connect(m_session, &QLineEdit::editingFinished, this, &ActivityPage::reload);
    connect(m_session, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            reload();
    });

    m_search = new QLineEdit(m_toolBar);
    m_search->setObjectName(u"activitySearch"_s);
    m_search->setPlaceholderText(tr("Search the loaded entries (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search activity"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(
        m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40);
    m_search->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_toolBar->addWidget(m_search);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateEmptyState();
    });
    m_older = m_toolBar->addAction(tr("Load &older"));
    m_older->setObjectName(u"loadOlder"_s);
    connect(m_older, &QAction::triggered, this, &ActivityPage::loadOlder);
    layout->addWidget(m_toolBar);

    m_state = new QLabel(this);
    m_state->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_state);

    auto *area = new QWidget(this);
    auto *stack = new QStackedLayout(area);
    stack->setStackingMode(QStackedLayout::StackAll);
    m_view = new QTableView(area);
    m_view->setObjectName(u"activityView"_s);
    m_view->setAccessibleName(tr("Activity log"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ActivityModel::Time, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Widths from sample text in the user's locale and font, so nothing is clipped in French.
    const QFontMetrics fm = m_view->fontMetrics();
    const QStringList samples{text::dateTime(1'795'000'000'000),
                              text::actor(u"desktop:claire"_s),
                              text::action(u"remove_code"_s),

                              u"cs_test_a1Qx7demo0001_"_s,
                              text::outcome(u"unchanged"_s),
                              text::money(999'99, u"eur"_s) + u" · Black Friday"_s,
                              text::money(999'99, u"eur"_s) + u" · Black Friday"_s,
                              tr("%1 ms").arg(99999),
                              u"req_X1pWYJKjCLJY0A_"_s};
    for (int column = 0; column < samples.size(); ++column)
        m_view->setColumnWidth(
            column,
            std::max(fm.horizontalAdvance(samples.at(column)),
                     fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString())) +
                24);
    layout::remember(m_view->horizontalHeader(), u"activity/columns"_s);
    stack->addWidget(m_view);
    m_empty = new QLabel(area);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    stack->addWidget(m_empty);
    layout->addWidget(area, 1);

    if (m_context.workflow)
        connect(m_context.workflow, &UpdateWorkflow::finished, this, [this] {
            if (isVisible()) {
                reload();
            } else {
                m_exhausted = false;
                m_model->setEntries({}); // reloaded when shown
            }
        });
    reload();
}

ActivityPage::~ActivityPage()
{
    if (m_exportCancel)
        *m_exportCancel = true;
    if (m_exportThread) {
        m_exportThread->wait();
        delete m_exportThread;
    }
}

void ActivityPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ActivityPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_model->rowCount() == 0)
        reload();
}

ActivityFilter ActivityPage::filter() const
{
    ActivityFilter f;
    f.outcome = m_outcome->currentData().toString();
    f.sessionId = m_session->text().trimmed();
    f.limit = pageSize;
    return f;
}

void ActivityPage::reload()
{
    auto entries = m_context.store.activity(filter());
    if (!entries) {
        m_state->setText(tr("Cannot read the activity log: %1").arg(entries.error().message));
        m_model->setEntries({});
    } else {
        m_exhausted = entries->size() < pageSize;
        m_model->setEntries(*entries);
        m_state->setText(tr("%n entries shown, newest first.", nullptr, m_model->rowCount()));
    }
    m_older->setEnabled(!m_exhausted);
    updateEmptyState();
}

void ActivityPage::loadOlder()
{
    if (m_model->entries().isEmpty() || m_exhausted)
        return;
    ActivityFilter f = filter();
    f.beforeId = m_model->entries().constLast().id;
    auto entries = m_context.store.activity(f);
    if (!entries)
        return;
    m_exhausted = entries->size() < pageSize;
    m_model->append(*entries);
    m_older->setEnabled(!m_exhausted);
    m_state->setText(tr("%n entries shown, newest first.", nullptr, m_model->rowCount()));
}

void ActivityPage::updateEmptyState()
{
    QString text;
    if (m_model->rowCount() == 0)
        text = filter().outcome.isEmpty() && filter().sessionId.isEmpty()
                   ? tr("No activity yet.\nEvery discount update — from the Sessions page, the "
                        "command line or the service — is recorded here.")
                   : tr("No entry matches the filter.");
    else if (m_proxy->rowCount() == 0)
        text = tr("No entry matches the search.");
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
}

void ActivityPage::exportCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export activity"), dir + u"/remise-activity.csv"_s, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto *progress =
        new QProgressDialog(tr("Exporting the activity log…"), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, this, &ActivityPage::cancelExport);
    connect(this, &ActivityPage::exportProgress, progress, [progress](qint64 rows) {
        progress->setLabelText(
            tr("Exporting the activity log… %n entries written.", nullptr, int(rows)));
    });
    connect(
        this, &ActivityPage::exportFinished, progress,
        [this, progress](bool ok, qint64 rows, const QString &message) {
            progress->close();
            if (ok)
                m_state->setText(tr("Exported %n entries.", nullptr, int(rows)));
            else
                QMessageBox::warning(this, tr("Export activity"), message);
        },
        Qt::SingleShotConnection);
    exportCsvTo(path);
}

void ActivityPage::cancelExport()
{
    if (const auto cancel = m_exportCancel)
        *cancel = true;
}

void ActivityPage::exportCsvTo(const QString &path)
{
    if (m_exportThread) {
        if (m_exportThread->isRunning()) {
            emit exportFinished(false, 0, tr("An export is already running."));
            return;
        }
        m_exportThread->wait();
        delete m_exportThread;
        m_exportThread = nullptr;
    }
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_exportCancel = cancel;
    const QString database = m_context.databasePath;
    const ActivityFilter base = filter();
    // The worker opens its own connection: a QtSql connection belongs to its thread.
    m_exportThread = QThread::create([this, database, base, path, cancel] {
        qint64 rows = 0;
        QString error;
        auto store = SqliteStore::open(database);
        QSaveFile file(path);
        if (!store) {
            error = store.error().message;
        } else if (!file.open(QIODevice::WriteOnly)) {
            error = tr("Cannot write %1: %2").arg(path, file.errorString());
        } else {
            file.write(ActivityModel::csvHeader());
            ActivityFilter f = base;
            f.limit = 1000;
            for (;;) {
                if (*cancel) {
                    error = tr("Export cancelled.");
                    break;
                }
                auto page = (*store)->activity(f);
                if (!page) {
                    error = page.error().message;
                    break;
                }
                for (const ActivityEntry &e : *page)
                    file.write(ActivityModel::csvLine(e));
                rows += page->size();
                emit exportProgress(rows);
                if (page->size() < f.limit)
                    break;
                f.beforeId = page->constLast().id;
            }
            // Until commit() the entries go to a temporary file beside `path`; a failed or
            // cancelled export drops it (QSaveFile's destructor), so no half file is left.
            if (error.isEmpty() && !file.commit())
                error = tr("Cannot write %1: %2").arg(path, file.errorString());
        }
        QMetaObject::invokeMethod(
            this, [this, rows, error] { emit exportFinished(error.isEmpty(), rows, error); });
    });
    m_exportThread->start();
}

} // namespace remise::ui
