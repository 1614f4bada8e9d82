#pragma once

#include "draftitempage.h"
#include "result.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QUndoStack;

namespace remise::drafts {
class DraftSession;
}

namespace remise::ui {

class CampaignEditor;
class CampaignListModel;
class CampaignTimeline;

/// The Campaigns page: the list of campaigns (live rules with the draft's edits), the editor
/// of every field of the remise/1 format, import and export, the schedules' timeline, and the
/// way to the Publish dialog. Edits go to the draft in the database, never straight to the
/// live rules (docs/drafts.md).
class CampaignsPage : public DraftItemPage
{
    Q_OBJECT
public:
    CampaignsPage(AppContext &context, QWidget *parent = nullptr);
    ~CampaignsPage() override;

    void reload() override;
    /// Imports a remise/1 file into the draft; on an error, shows it (with its JSON path).
    Status importFile(const QString &path);
    /// Writes the draft rule book as a remise/1 file.
    Status exportFile(const QString &path);
    bool select(const QString &key) override;

    // The page's parts, for the main window's menus and for tests.
    CampaignEditor *editor() const { return m_editor; }
    QTableView *view() const { return m_view; }
    CampaignListModel *model() const { return m_model; }
    QAction *newAction() const { return m_new; }
    QAction *saveAction() const { return m_save; }
    QAction *revertAction() const { return m_revert; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *pauseAction() const { return m_pause; }
    QAction *archiveAction() const { return m_archive; }
    QAction *publishAction() const { return m_publish; }
    QLabel *banner() const { return m_banner; }
    CampaignTimeline *timeline() const { return m_timeline; }

protected:
    QJsonObject formObject() const override;
    void setFormObject(const QJsonObject &campaign) override;
    void validate() override;
    void rebuildModel() override;
    void load(const QString &key) override;
    void showBanner(const QString &text) override;
    void formChanged() override;

private:
    void buildActions();
    void saveCurrent();
    void newCampaign();
    void duplicateCurrent();
    void setStatus(const QString &status);
    void updateActions();
    void showConflict();

    CampaignListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QStackedWidget *m_listStack = nullptr;
    CampaignTimeline *m_timeline = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_listSplitter = nullptr;
    CampaignEditor *m_editor = nullptr;
    QWidget *m_editorPane = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_conflict = nullptr;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_takeLive = nullptr;
    QAction *m_new = nullptr;
    QAction *m_save = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_archive = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_publish = nullptr;
    bool m_valid = false;
};

} // namespace remise::ui
