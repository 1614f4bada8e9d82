#include "sessionspage.h"

#include "appcontext.h"
#include "sessiondetail.h"
#include "sessionsmodel.h"
#include "text.h"
#include "uisettings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace remise::ui {

/// One listing run: pages accumulate here until the last one, then replace the model's rows.
struct SessionsPage::Load
{
    bool full = true; ///< every session up to the maximum, or the newest page only
    bool cancelled = false;
    QString startingAfter;
    QList<SessionRow> rows;
    int pages = 0;
};

SessionsPage::SessionsPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(u"sessionsPage"_s);
    m_model = new SessionsModel(this);
    m_proxy = new SessionsFilterModel(this);
    m_proxy->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolBar = new QToolBar(tr("Sessions"), this);
    m_toolBar->setObjectName(u"sessionsToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = m_toolBar->addAction(tr("&Refresh"));
    m_refresh->setObjectName(u"refreshSessions"_s);
    m_refresh->setShortcut(QKeySequence::Refresh);
    // F5 refreshes the page in view (each page has its own Refresh).
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_refresh);
    m_refresh->setToolTip(tr("Read every session from Stripe again (%1)")
                              .arg(m_refresh->shortcut().toString(QKeySequence::NativeText)));
    connect(m_refresh, &QAction::triggered, this, &SessionsPage::reload);
    m_toolBar->addSeparator();

    auto *statusLabel = new QLabel(tr("S&tatus:"), m_toolBar);
    m_status = new QComboBox(m_toolBar);
    m_status->setObjectName(u"statusFilter"_s);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All"), QString());
    m_status->addItem(tr("Open"), u"open"_s);
    m_status->addItem(tr("Complete"), u"complete"_s);
    m_status->addItem(tr("Expired"), u"expired"_s);
    statusLabel->setBuddy(m_status);
    m_toolBar->addWidget(statusLabel);
    m_toolBar->addWidget(m_status);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatus(m_status->currentData().toString());
        updateEmptyState();
    });

    m_search = new QLineEdit(m_toolBar);
    m_search->setObjectName(u"sessionSearch"_s);
    m_search->setPlaceholderText(tr("Search by email or session id (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search sessions"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(
        m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40);

    m_search->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_toolBar->addWidget(m_search);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearch(text);
        updateEmptyState();
    });

    m_auto = new QCheckBox(tr("&Auto-refresh"), m_toolBar);
    m_auto->setObjectName(u"autoRefresh"_s);
    m_auto->setChecked(true);
    m_auto->setToolTip(tr("Re-read the newest sessions regularly, within Stripe's rate limits"));
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_auto);
    connect(m_auto, &QCheckBox::toggled, this, [this] { scheduleRefresh(); });

    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_progress = new QProgressBar(m_toolBar);
    m_progress->setObjectName(u"sessionsProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Loading sessions"));
    m_progressAction = m_toolBar->addWidget(m_progress);
    m_cancel = new QPushButton(tr("Cancel"), m_toolBar);
    m_cancel->setObjectName(u"cancelLoad"_s);
    m_cancelAction = m_toolBar->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &SessionsPage::cancel);
    layout->addWidget(m_toolBar);

    m_state = new QLabel(this);
    m_state->setObjectName(u"sessionsState"_s);
    m_state->setContentsMargins(8, 4, 8, 4);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"sessionsSplitter"_s);
    m_splitter->setChildrenCollapsible(false);

    auto *listArea = new QWidget(m_splitter);
    auto *stack = new QStackedLayout(listArea);
    stack->setStackingMode(QStackedLayout::StackAll);
    m_view = new QTableView(listArea);
    m_view->setObjectName(u"sessionsView"_s);
    m_view->setAccessibleName(tr("Checkout Sessions"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SessionsModel::Created, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep scrolling through 10,000 rows cheap.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(false);
    // The session id gives way when the list is narrow (cut in the middle, so the end that
    // tells ids apart stays); the customer keeps the width of an email address.
    m_view->horizontalHeader()->setSectionResizeMode(SessionsModel::Id, QHeaderView::Stretch);
    m_view->setTextElideMode(Qt::ElideMiddle);
    // Widths from sample text in the user's locale and font, so nothing is clipped in French.
    const QFontMetrics fm = m_view->fontMetrics();
    const int pad = 24;
    m_view->setColumnWidth(
        SessionsModel::Status,
        std::max({fm.horizontalAdvance(text::sessionStatus(u"complete"_s)),
                  fm.horizontalAdvance(text::sessionStatus(u"expired"_s)),
                  fm.horizontalAdvance(
                      m_model->headerData(SessionsModel::Status, Qt::Horizontal).toString())}) +
            pad);
    m_view->setColumnWidth(SessionsModel::Customer,
                           fm.horizontalAdvance(u"claire.martin@example.org"_s) + pad);
    m_view->setColumnWidth(SessionsModel::Created,
                           fm.horizontalAdvance(text::dateTime(1'795'000'000'000)) + pad);
    for (int column : {SessionsModel::Subtotal, SessionsModel::Discount, SessionsModel::Total})
        m_view->setColumnWidth(column,
                               fm.horizontalAdvance(text::money(99'999'99, u"eur"_s)) + pad);
    // The subtotal is in the detail pane; any column can be shown or hidden from the header.
    m_view->setColumnHidden(SessionsModel::Subtotal, true);
    // Newest first already says when; the detail pane has the time (the header's menu shows it).
    m_view->setColumnHidden(SessionsModel::Created, true);
    QHeaderView *header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](QPoint at) {
        QMenu menu(this);
        for (int column = 0; column < SessionsModel::ColumnCount; ++column) {
            QAction *toggle =
                menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!header->isSectionHidden(column));
            toggle->setEnabled(column != SessionsModel::Id);
            connect(toggle, &QAction::toggled, header,
                    [header, column](bool on) { header->setSectionHidden(column, !on); });
        }
        menu.exec(header->mapToGlobal(at));
    });
    // ".2": the id column stretches now; a layout saved before would squeeze the customer.
    layout::remember(header, u"sessions/columns.2"_s);
    stack->addWidget(m_view);
    m_empty = new QLabel(listArea);
    m_empty->setObjectName(u"sessionsEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setEnabled(false);
    stack->addWidget(m_empty);
    stack->setCurrentWidget(m_empty);

    auto *scroll = new QScrollArea(m_splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_detail = new SessionDetail(context, scroll);
    scroll->setWidget(m_detail);
    m_splitter->addWidget(listArea);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({700, 480});
    layout::remember(m_splitter, u"sessions/splitter"_s);
    layout->addWidget(m_splitter, 1);

    // The session's actions right after Refresh, in reading order.
    QAction *before = m_toolBar->actions().at(1);
    for (QAction *action : sessionActions()) {
        m_toolBar->insertAction(before, action);
        // The buttons are named after their actions ("applyNowButton"), for assistive
        // technologies and for tests that press them as a user does.
        if (QWidget *button = m_toolBar->widgetForAction(action)) {
            button->setObjectName(action->objectName() + u"Button"_s);
            button->setAccessibleName(QString(action->text()).remove(u'&'));
        }
    }
    m_toolBar->insertSeparator(before);

    // Arrowing through the list decides for the session it stops on, not for every row passed.
    m_selectionDelay = new QTimer(this);
    m_selectionDelay->setSingleShot(true);
    m_selectionDelay->setInterval(150);
    connect(m_selectionDelay, &QTimer::timeout, this, [this] {
        const QModelIndex current = m_view->selectionModel()->currentIndex();
        const auto rows = m_view->selectionModel()->selectedRows();
        m_detail->showSession(rows.isEmpty() ? QString()
                                             : current.data(SessionsModel::IdRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, m_selectionDelay,
            qOverload<>(&QTimer::start));
    // A filter change is one layout change of the proxy (SessionsFilterModel::refilter): the
    // selection follows its session, or is dropped without selectionChanged when the filter
    // hides it; the pane then follows the list.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, m_selectionDelay,
            qOverload<>(&QTimer::start));
    connect(m_detail, &SessionDetail::sessionChanged, this, &SessionsPage::refreshRow);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SessionsPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SessionsPage::updateEmptyState);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_loadedOnce)
            refreshNewest();
        else
            reload();
    });

    m_progressAction->setVisible(false);
    m_cancelAction->setVisible(false);
    updateEmptyState();
}

SessionsPage::~SessionsPage()
{
    cancel();
}

QList<QAction *> SessionsPage::sessionActions() const
{
    return {m_detail->applyAction(), m_detail->removeAction(), m_detail->simulateAction()};
}

void SessionsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool SessionsPage::selectSession(const QString &id)
{
    auto find = [&] {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex index = m_proxy->index(row, 0);
            if (index.data(SessionsModel::IdRole).toString() == id)
                return index;
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid() && m_model->session(id)) {
        m_search->clear();
        m_status->setCurrentIndex(0);
        index = find();
    }
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_selectionDelay->stop();
    m_detail->showSession(id);
    return true;
}

void SessionsPage::updateEmptyState()
{
    QString text;
    if (!m_context.stripe)
        text = tr("Not connected to Stripe.\nAdd a Stripe test key in Settings, or start the demo "
                  "(remise --demo).");
    else if (m_model->rowCount() == 0)
        text = m_loading ? tr("Reading sessions from Stripe…")
                         : tr("No Checkout Sessions yet.\nSessions your storefront creates "
                              "appear here.");
    else if (m_proxy->rowCount() == 0)
        text = tr("No session matches the filter.");
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
}

void SessionsPage::setAutoRefreshInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
    scheduleRefresh();
}

void SessionsPage::scheduleRefresh()
{
    m_timer->stop();
    if (!m_auto->isChecked() || !isVisible() || !m_context.stripe || m_loading)
        return;
    m_timer->start(m_backoff > m_interval ? m_backoff : m_interval);
}

void SessionsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_context.stripe)
        return;
    // Back on the page after a while: refresh at once rather than show stale data.
    if (!m_loadedOnce)
        reload();
    else if (!m_loading && m_sinceRefresh.isValid() &&
             m_sinceRefresh.elapsed() > m_interval.count() && m_backoff == 0ms)
        refreshNewest();
    else
        scheduleRefresh();
}

void SessionsPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    // A hidden page does not poll Stripe.
    m_timer->stop();
}

void SessionsPage::reload()
{
    if (!m_context.stripe)
        return;
    cancel();
    auto load = std::make_shared<Load>();
    load->full = true;
    m_load = load;
    m_loading = true;
    m_timer->stop();
    m_progress->setRange(0, 0);
    m_progressAction->setVisible(true);
    m_cancelAction->setVisible(true);
    m_refresh->setEnabled(false);
    m_state->setText(tr("Reading sessions from Stripe…"));
    updateEmptyState();
    fetchPage(load);
}

void SessionsPage::refreshNewest()
{
    if (!m_context.stripe || m_loading)
        return;
    auto load = std::make_shared<Load>();
    load->full = false;
    m_load = load;
    m_loading = true;
    fetchPage(load);
}

void SessionsPage::cancel()
{
    if (!m_load)
        return;
    m_load->cancelled = true;
    const bool wasFull = m_load->full;
    m_load.reset();
    m_loading = false;
    m_progressAction->setVisible(false);
    m_cancelAction->setVisible(false);
    m_refresh->setEnabled(true);
    if (wasFull)
        m_state->setText(tr("Stopped: %n session(s) shown.", nullptr, m_model->rowCount()));
    updateEmptyState();
}

void SessionsPage::fetchPage(std::shared_ptr<Load> load)
{
    QJsonObject params{{u"limit"_s, refreshPageSize}};
    if (!load->startingAfter.isEmpty())
        params.insert(u"starting_after"_s, load->startingAfter);
    m_context.stripe->get(u"/v1/checkout/sessions"_s, params, this,
                          [this, load](stripe::StripeResult<stripe::Response> answer) {
                              if (load->cancelled)
                                  return;
                              if (!answer) {
                                  finishLoad(load, &answer.error());
                                  return;
                              }
                              const QJsonArray page = answer->body.value(u"data"_s).toArray();
                              for (const QJsonValue &value : page)
                                  load->rows.append(SessionRow::fromStripe(value.toObject()));
                              ++load->pages;
                              const bool more =
                                  answer->body.value(u"has_more"_s).toBool() && !page.isEmpty();
                              if (load->full && more && load->rows.size() < m_maxSessions) {
                                  load->startingAfter = load->rows.constLast().id;
                                  m_state->setText(tr("Reading sessions from Stripe… %n read",
                                                      nullptr, int(load->rows.size())));
                                  // Paced below Stripe's test-mode rate limit, which is far lower
                                  // than live's.
                                  QTimer::singleShot(50ms, this, [this, load] {
                                      if (!load->cancelled)
                                          fetchPage(load);
                                  });
                                  return;
                              }
                              finishLoad(load, nullptr);
                          });
}

void SessionsPage::finishLoad(std::shared_ptr<Load> load, const stripe::ApiError *error)
{
    m_load.reset();
    m_loading = false;
    m_progressAction->setVisible(false);
    m_cancelAction->setVisible(false);
    m_refresh->setEnabled(true);
    const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
    if (error) {
        const bool limited = error->kind == stripe::ApiError::Kind::RateLimit ||
                             error->kind == stripe::ApiError::Kind::LockTimeout;
        if (limited) {
            // Never hammer: double the wait on every 429, up to five minutes.
            m_backoff = std::min<std::chrono::milliseconds>(
                std::max<std::chrono::milliseconds>(m_backoff * 2, m_interval * 2), 300'000ms);
            const QString text =
                tr("Stripe is limiting requests (429). Waiting %n second(s) before the next "
                   "refresh.",
                   nullptr, int(m_backoff.count() / 1000));
            m_state->setText(text);
            emit connectionChanged(tr("Rate limited by Stripe"), false);
        } else {
            m_backoff = std::min<std::chrono::milliseconds>(
                std::max<std::chrono::milliseconds>(m_backoff * 2, m_interval), 300'000ms);
            m_state->setText(tr("Could not read sessions: %1").arg(error->message));
            m_state->setToolTip(error->kindName());
            emit connectionChanged(tr("Stripe unreachable"), false);
        }
        // Keep what was read: a partial list is better than none.
        if (load->full && !load->rows.isEmpty() && !m_loadedOnce)
            m_model->setSessions(load->rows);
        updateEmptyState();
        emit loadFinished(false);
        scheduleRefresh();
        return;
    }
    m_backoff = 0ms;
    m_sinceRefresh.start();
    if (load->full) {
        m_loadedOnce = true;
        m_model->setSessions(std::move(load->rows));
    } else {
        // Oldest first, so the newest ends up on top.
        for (auto it = load->rows.crbegin(); it != load->rows.crend(); ++it)
            m_model->upsert(*it);
    }
    m_state->setText(tr("%n session(s), updated at %1.", nullptr, m_model->rowCount()).arg(time));
    m_state->setToolTip({});
    emit connectionChanged(tr("Connected"), true);
    updateEmptyState();
    emit loadFinished(true);
    scheduleRefresh();
}

void SessionsPage::refreshRow(const QString &id)
{
    if (!m_context.stripe)
        return;
    m_context.stripe->get(u"/v1/checkout/sessions/"_s + id, {}, this,
                          [this](stripe::StripeResult<stripe::Response> answer) {
                              if (answer)
                                  m_model->upsert(SessionRow::fromStripe(answer->body));
                          });
}

} // namespace remise::ui
