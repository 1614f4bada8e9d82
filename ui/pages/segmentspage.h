#pragma once

#include "customer.h"
#include "draftitempage.h"
#include "result.h"
#include "segmentswidgets.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QUndoStack;

namespace remise::drafts {
class DraftSession;
}

namespace remise::ui {

/// The Segments page: segments of the draft, a rule editor with validation under the fields,
/// a live count of the local customers who match, and a test of one customer.
class SegmentsPage : public DraftItemPage
{
    Q_OBJECT
public:
    SegmentsPage(AppContext &context, QWidget *parent = nullptr);
    ~SegmentsPage() override;

    void reload() override;
    bool select(const QString &key) override;

    QTableView *view() const { return m_view; }
    SegmentListModel *model() const { return m_model; }
    QLineEdit *idEdit() const { return m_id; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *matchBox() const { return m_match; }
    RulesEdit *rulesEdit() const { return m_rules; }
    QLabel *countLabel() const { return m_count; }
    QComboBox *testCustomerBox() const { return m_testCustomer; }
    QLabel *testResult() const { return m_testResult; }
    QLabel *problems() const { return m_problems; }
    QAction *newAction() const { return m_new; }
    QAction *saveAction() const { return m_save; }
    QAction *revertAction() const { return m_revert; }
    QAction *deleteAction() const { return m_delete; }
    QAction *publishAction() const { return m_publish; }

    /// The segment as the form says.
    QJsonObject segment() const;
    /// How many local customers match the form's segment now (-1 when its rules are invalid).
    int matchingCount() const { return m_matching; }

protected:
    QJsonObject formObject() const override { return segment(); }
    void setFormObject(const QJsonObject &segment) override;
    void validate() override;
    void rebuildModel() override;
    void load(const QString &key) override;
    void showBanner(const QString &text) override;

private:
    void newSegment();
    void deleteCurrent();
    void updateTest();

    QList<CustomerProfile> m_customers;
    SegmentListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QWidget *m_editorPane = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_match = nullptr;
    RulesEdit *m_rules = nullptr;
    QComboBox *m_currency = nullptr;
    QLabel *m_count = nullptr;
    QComboBox *m_testCustomer = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_new = nullptr;
    QAction *m_save = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_publish = nullptr;
    int m_matching = -1;
};

} // namespace remise::ui
