#pragma once

#include "appcontext.h"
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
class CampaignsPage : public QWidget
{
    Q_OBJECT
public:
    CampaignsPage(AppContext &context, QWidget *parent = nullptr);
    ~CampaignsPage() override;

    /// Reads the rules and the draft again, keeping the selection.
    void reload();
    /// Imports a remise/1 file into the draft; on an error, shows it (with its JSON path).
    Status importFile(const QString &path);
    /// Writes the draft rule book as a remise/1 file.
    Status exportFile(const QString &path);
    /// Selects a campaign by its draft key (its id when published); false if there is none.
    bool select(const QString &key);
    QString currentKey() const { return m_key; }

    // The page's parts, for the main window's menus and for tests.
    CampaignEditor *editor() const { return m_editor; }
    QTableView *view() const { return m_view; }
    CampaignListModel *model() const { return m_model; }
    QUndoStack *undoStack() const { return m_undo; }
    QAction *newAction() const { return m_new; }
    QAction *saveAction() const { return m_save; }
    QAction *revertAction() const { return m_revert; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *pauseAction() const { return m_pause; }
    QAction *archiveAction() const { return m_archive; }
    QAction *publishAction() const { return m_publish; }
    QLabel *banner() const { return m_banner; }
    CampaignTimeline *timeline() const { return m_timeline; }
    drafts::DraftSession &draft() const { return *m_draft; }

    /// Applies a snapshot of the editor (undo and redo).
    void applySnapshot(const QString &key, const QJsonObject &object);

signals:
    /// The draft changed (saved, reverted, imported, published): other pages refresh.
    void draftChanged();

protected:
    void showEvent(QShowEvent *event) override;
    /// Ctrl+Z and Ctrl+Shift+Z in the form's text fields undo the page's edits (the whole
    /// campaign), not only the field's own typing.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void rebuildModel();
    void load(const QString &key);
    void edited(const QString &field);
    void validate();
    void flushWorking();
    void saveCurrent();
    void revertCurrent();
    void newCampaign();
    void duplicateCurrent();
    void setStatus(const QString &status);
    void openPublish();
    void updateActions();
    void showBanner(const QString &text);
    void showConflict();

    AppContext &m_context;
    std::unique_ptr<drafts::DraftSession> m_draft;
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
    QUndoStack *m_undo = nullptr;
    QTimer *m_autosave = nullptr;
    QTimer *m_watch = nullptr;
    QAction *m_new = nullptr;
    QAction *m_save = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_archive = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_publish = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QString m_key;        ///< the campaign in the editor (draft key), empty for none
    QJsonObject m_shown;  ///< what the editor showed after the last edit (undo's "before")
    bool m_dirty = false; ///< edits not yet kept in the database
    bool m_valid = false;
};

} // namespace remise::ui
