#pragma once

#include <QMainWindow>
#include <QUrl>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace remise::ui {

struct AppContext;
class KeyStore;

/// The frame of the desktop app (docs/desktop.md): a navigation bar on the left (icon and
/// name, Ctrl+1…8), the pages in a stack, each with its own toolbar, and a status bar with the
/// mode badge (DEMO / TEST MODE / LIVE, always visible) and the connection state. Pages of the
/// desktop-editors work are included when their headers exist, so either side builds alone.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// Fixed positions: Ctrl+1…8 always go to the same page.
    enum Page {
        Overview,
        Campaigns,
        Segments,
        Customers,
        Sessions,
        Simulator,
        Activity,
        Settings,
        PageCount
    };
    enum class Mode { Demo, Test, Live, NotConnected };

    struct Info
    {
        Mode mode = Mode::NotConnected;
        QString connection; ///< "Sandbox at 127.0.0.1:…", "api.stripe.com", …
    };

    MainWindow(AppContext &context, KeyStore &keys, Info info, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The page widget at `page`, or null when this build does not have it.
    QWidget *page(Page page) const { return m_pages.value(page); }
    template<class T>
    T *page() const
    {
        for (QWidget *w : m_pages)
            if (auto *p = qobject_cast<T *>(w))
                return p;
        return nullptr;
    }
    void showPage(Page page);
    Page currentPage() const;
    QString modeText() const;
    QLabel *modeBadge() const { return m_badge; }
    QLabel *connectionLabel() const { return m_connection; }
    QListWidget *navigation() const { return m_nav; }
    static QString pageName(Page page);

signals:
    void reconnectRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(Page page, QWidget *widget);
    void buildMenus();
    void setConnection(const QString &text, bool ok);

    AppContext &m_context;
    Info m_info;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_badge;
    QLabel *m_connection;
    QList<QWidget *> m_pages; ///< by Page, null when absent
};

} // namespace remise::ui
