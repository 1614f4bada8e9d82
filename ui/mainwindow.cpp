#include "mainwindow.h"

#include "activitypage.h"
#include "appcontext.h"
#include "icons.h"
#include "overviewpage.h"
#include "pages/campaignspage.h"
#include "pages/customerspage.h"
#include "pages/segmentspage.h"
#include "pages/simulatorpage.h"
#include "sessionspage.h"
#include "settingspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace remise::ui {

QString MainWindow::pageName(Page page)
{
    switch (page) {
    case Overview:
        return tr("Overview");
    case Campaigns:
        return tr("Campaigns");
    case Segments:
        return tr("Segments");
    case Customers:
        return tr("Customers");
    case Sessions:
        return tr("Sessions");
    case Simulator:
        return tr("Simulator");
    case Activity:
        return tr("Activity");
    case Settings:
        return tr("Settings");
    case PageCount:
        break;
    }
    return {};
}

MainWindow::MainWindow(AppContext &context, KeyStore &keys, Info info, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_info(std::move(info))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(icons::application());
    m_pages.fill(nullptr, PageCount);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_nav = new QListWidget(central);
    m_nav->setObjectName(u"navigation"_s);
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setBackgroundRole(QPalette::Window);
    m_nav->setSpacing(2);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_nav);
    auto *line = new QFrame(central);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(u"pages"_s);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    auto *overview = new OverviewPage(context, m_stack);
    addPage(Overview, overview);
    addPage(Campaigns, new CampaignsPage(context, m_stack));
    addPage(Segments, new SegmentsPage(context, m_stack));
    addPage(Customers, new CustomersPage(context, m_stack));
    auto *sessions = new SessionsPage(context, m_stack);
    addPage(Sessions, sessions);
    addPage(Simulator, new SimulatorPage(context, m_stack));
    addPage(Activity, new ActivityPage(context, m_stack));
    auto *settings = new SettingsPage(context, keys, m_stack);
    addPage(Settings, settings);
    connect(settings, &SettingsPage::reconnectRequested, this, &MainWindow::reconnectRequested);
    connect(sessions, &SessionsPage::connectionChanged, this, &MainWindow::setConnection);

    // The navigation bar is as wide as its longest name (French names are longer).
    int width = 0;
    for (int row = 0; row < m_nav->count(); ++row)
        width = std::max(width, m_nav->fontMetrics().horizontalAdvance(m_nav->item(row)->text()));
    m_nav->setFixedWidth(width + m_nav->iconSize().width() + 48);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        const auto which = Page(m_nav->item(row)->data(Qt::UserRole).toInt());
        m_stack->setCurrentWidget(m_pages.at(which));
        QSettings().setValue(u"window/page"_s, int(which));
    });

    // The status bar: the mode badge, always visible, then the connection state.
    m_badge = new QLabel(this);
    m_badge->setObjectName(u"modeBadge"_s);
    m_badge->setText(modeText());
    m_badge->setAccessibleName(tr("Mode: %1").arg(modeText()));
    m_badge->setContentsMargins(8, 1, 8, 1);
    m_badge->setAutoFillBackground(true);
    QFont bold = m_badge->font();
    bold.setBold(true);
    m_badge->setFont(bold);
    QPalette pal = m_badge->palette();
    switch (m_info.mode) {
    case Mode::Demo:
        pal.setColor(QPalette::Window, pal.color(QPalette::Highlight));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::HighlightedText));
        break;
    case Mode::Test:
        pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
        break;
    case Mode::Live:
        // Inverted, so a live connection cannot be missed in either palette.
        pal.setColor(QPalette::Window, pal.color(QPalette::WindowText));
        pal.setColor(QPalette::WindowText, pal.color(QPalette::Base));
        break;
    case Mode::NotConnected:
        break;
    }
    m_badge->setPalette(pal);
    statusBar()->addWidget(m_badge);
    m_connection = new QLabel(m_info.connection, this);
    m_connection->setObjectName(u"connectionState"_s);
    statusBar()->addWidget(m_connection, 1);

    buildMenus();
    QString title = tr("Remise");
    if (m_info.mode == Mode::Demo)
        title = tr("Remise — DEMO");
    else if (m_info.mode == Mode::Live)
        title = tr("Remise — LIVE");
    setWindowTitle(title);

    QSettings stored;
    if (!restoreGeometry(stored.value(u"window/geometry"_s).toByteArray()))
        resize(1200, 760);
    restoreState(stored.value(u"window/state"_s).toByteArray());
    Page start = Page(stored.value(u"window/page"_s, int(Sessions)).toInt());
    if (start < 0 || start >= PageCount || !m_pages.at(start))
        start = Sessions;
    if (!m_context.stripe && !m_context.demo)
        start = Settings;
    showPage(start);
}

MainWindow::~MainWindow() = default;

QString MainWindow::modeText() const
{
    switch (m_info.mode) {
    case Mode::Demo:
        return tr("DEMO");
    case Mode::Test:
        return tr("TEST MODE");
    case Mode::Live:
        return tr("LIVE");
    case Mode::NotConnected:
        return tr("NOT CONNECTED");
    }
    return {};
}

void MainWindow::addPage(Page which, QWidget *widget)
{
    m_pages[which] = widget;
    m_stack->addWidget(widget);
    static const icons::Page glyphs[] = {icons::Page::Overview, icons::Page::Campaigns,
                                         icons::Page::Segments, icons::Page::Customers,
                                         icons::Page::Sessions, icons::Page::Simulator,
                                         icons::Page::Activity, icons::Page::Settings};
    auto *item = new QListWidgetItem(icons::page(glyphs[which]), pageName(which));
    item->setData(Qt::UserRole, int(which));
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(pageName(which)).arg(int(which) + 1));
    item->setSizeHint(QSize(0, m_nav->fontMetrics().height() + 20));
    m_nav->addItem(item);
}

void MainWindow::showPage(Page which)
{
    if (which < 0 || which >= PageCount || !m_pages.at(which))
        return;
    for (int row = 0; row < m_nav->count(); ++row)
        if (m_nav->item(row)->data(Qt::UserRole).toInt() == which)
            m_nav->setCurrentRow(row);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages.indexOf(m_stack->currentWidget()));
}

void MainWindow::setConnection(const QString &text, bool ok)
{
    m_connection->setText(ok ? m_info.connection : text + u" — "_s + m_info.connection);
    m_connection->setToolTip(text);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    if (auto *activity = page<ActivityPage>()) {
        QAction *exportCsv = file->addAction(tr("&Export activity as CSV…"));
        connect(exportCsv, &QAction::triggered, this, [this, activity] {
            showPage(Activity);
            activity->exportCsv();
        });
        file->addSeparator();
    }
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Find"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        // Every page with a filter box offers focusSearch().
        QMetaObject::invokeMethod(m_stack->currentWidget(), "focusSearch");
    });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < PageCount; ++i) {
        QAction *action = go->addAction(icons::page(icons::Page(i)), pageName(Page(i)));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setEnabled(m_pages.at(i) != nullptr);
        action->setVisible(m_pages.at(i) != nullptr);
        addAction(action); // works with the menu bar hidden too
        connect(action, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
    }
    go->addSeparator();
    QAction *focusNav = go->addAction(tr("Page &list"));
    focusNav->setShortcut(Qt::CTRL | Qt::Key_0);
    connect(focusNav, &QAction::triggered, this,
            [this] { m_nav->setFocus(Qt::ShortcutFocusReason); });

    if (auto *sessions = page<SessionsPage>()) {
        QMenu *session = menuBar()->addMenu(tr("&Session"));
        session->addActions(sessions->toolBar()->actions().mid(0, 1));
        session->addSeparator();
        session->addActions(sessions->sessionActions());
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Remise"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Remise"),
            tr("<h3>Remise %1</h3><p>Server-side dynamic discounts for Stripe Checkout.</p>"
               "<p>The app, the command line and the service decide with the same engine and "
               "update sessions through the same workflow.</p>")
                .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace remise::ui
