#include "publishdialog.h"

#include "draftsession.h"
#include "impactrunner.h"
#include "pages/campaignsformat.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

QString compact(const QJsonValue &value)
{
    if (value.isUndefined())
        return QCoreApplication::translate("remise::ui::PublishDialog", "(not set)");
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return value.toString();
    if (value.isNull())
        return u"null"_s;
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return QLocale::c().toString(value.toDouble(), 'g', 15);
}

QString amounts(const CurrencyAmounts &a)
{
    if (a.isEmpty())
        return formatMoney(0, u"eur"_s);
    QStringList parts;
    for (const auto &[currency, amount] : a.entries())
        parts.append(formatMoney(amount, currency));
    return parts.join(u", "_s);
}

} // namespace

PublishDialog::PublishDialog(AppContext &context, drafts::DraftSession &draft, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_draft(draft)
{
    setWindowTitle(tr("Publish the draft"));
    setObjectName(u"publishDialog"_s);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_message = new QLabel(this);
    m_message->setObjectName(u"publishMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter, 1);
    auto *diffBox = new QGroupBox(tr("Changes against the live rules"), splitter);
    auto *diffLayout = new QVBoxLayout(diffBox);
    m_diff = new QTreeWidget(diffBox);
    m_diff->setObjectName(u"publishDiff"_s);
    m_diff->setAccessibleName(tr("Changes against the live rules"));
    m_diff->setHeaderLabels({tr("Change"), tr("Live"), tr("Draft")});
    m_diff->setAlternatingRowColors(true);
    diffLayout->addWidget(m_diff);

    auto *impactBox = new QGroupBox(tr("Impact on open test sessions"), splitter);
    auto *impactLayout = new QVBoxLayout(impactBox);
    auto *progressRow = new QHBoxLayout;
    m_impactSummary = new QLabel(impactBox);
    m_impactSummary->setObjectName(u"impactSummary"_s);
    m_impactSummary->setWordWrap(true);
    m_progress = new QProgressBar(impactBox);
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), impactBox);
    m_cancel->hide();
    progressRow->addWidget(m_impactSummary, 1);
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_cancel);
    impactLayout->addLayout(progressRow);
    m_impact = new QTableWidget(0, 7, impactBox);
    m_impact->setObjectName(u"impactTable"_s);
    m_impact->setAccessibleName(tr("Impact on open test sessions"));
    m_impact->setHorizontalHeaderLabels({tr("Session"), tr("Customer"), tr("Subtotal"),
                                         tr("Discount now"), tr("Live rules"), tr("Draft"),
                                         tr("Change")});
    m_impact->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_impact->setSortingEnabled(true);
    m_impact->verticalHeader()->hide();
    m_impact->horizontalHeader()->setStretchLastSection(true);
    impactLayout->addWidget(m_impact);

    auto *backtestBox = new QGroupBox(tr("Backtest over the last completed sessions"), splitter);
    auto *backtestLayout = new QVBoxLayout(backtestBox);
    m_backtest = new QTableWidget(2, 2, backtestBox);
    m_backtest->setObjectName(u"backtestTable"_s);
    m_backtest->setAccessibleName(tr("Backtest over the last completed sessions"));
    m_backtest->setHorizontalHeaderLabels({tr("Live rules"), tr("Draft")});
    m_backtest->setVerticalHeaderLabels(
        {tr("Sessions that would have had a discount"), tr("Total cost of the discounts")});
    m_backtest->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_backtest->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    backtestLayout->addWidget(m_backtest);

    auto *buttons = new QDialogButtonBox(this);
    m_publishButton = buttons->addButton(tr("&Publish"), QDialogButtonBox::AcceptRole);
    m_publishButton->setObjectName(u"publishButton"_s);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_publishButton, &QPushButton::clicked, this, &PublishDialog::publish);
    resize(900, 700);

    // The diff, the problems and the conflicts, read at once.
    const drafts::DraftBook &book = m_draft.book();
    auto rules = book.rules();
    QStringList blockers;
    for (const drafts::Conflict &c : book.conflicts())
        blockers.append(c.message);
    if (!rules)
        blockers.append(tr("The draft has problems to fix first:") + u"\n"_s +
                        rules.error().describe());
    const QList<drafts::Change> changes =
        rules ? drafts::diff(book.live(), *rules) : QList<drafts::Change>();
    for (const drafts::Change &c : changes) {
        const QString what =
            c.kind == DraftItem::Kind::Campaign ? tr("Campaign \"%1\"") : tr("Segment \"%1\"");
        auto *item = new QTreeWidgetItem(m_diff);
        switch (c.type) {
        case drafts::Change::Type::Added:
            item->setText(0, tr("%1 is added").arg(what.arg(c.id)));
            item->setText(2, c.after.value(u"name").toString());
            break;
        case drafts::Change::Type::Removed:
            item->setText(0, tr("%1 is removed").arg(what.arg(c.id)));
            item->setText(1, c.before.value(u"name").toString());
            break;
        case drafts::Change::Type::Changed:
            item->setText(0, tr("%1 changes").arg(what.arg(c.id)));
            for (const QString &field : c.fields) {
                auto *child = new QTreeWidgetItem(item);
                child->setText(0, field);
                child->setText(1, compact(c.before.value(field)));
                child->setText(2, compact(c.after.value(field)));
                child->setToolTip(1, child->text(1));
                child->setToolTip(2, child->text(2));
            }
            break;
        }
    }
    m_diff->expandAll();
    m_diff->resizeColumnToContents(0);
    m_summary->setText(changes.isEmpty()
                           ? tr("The draft holds no change to publish.")
                           : tr("Publishing makes %n change(s) live at once, in one transaction.",
                                nullptr, int(changes.size())));
    if (!blockers.isEmpty()) {
        m_message->setText(blockers.join(u'\n'));
        m_message->show();
    }
    m_blocked = !blockers.isEmpty() || changes.isEmpty();
    m_publishButton->setEnabled(!m_blocked);

    if (rules) {
        m_runner = new ImpactRunner(m_context, book.live(), *rules, this);
        connect(m_runner, &ImpactRunner::progress, m_impactSummary, &QLabel::setText);
        connect(m_runner, &ImpactRunner::finished, this, &PublishDialog::showImpact);
        connect(m_cancel, &QPushButton::clicked, m_runner, &ImpactRunner::cancel);
    }
}

PublishDialog::~PublishDialog() = default;

void PublishDialog::start()
{
    if (!m_runner) {
        m_impactSummary->setText(tr("The impact is computed once the draft has no problems."));
        emit impactReady();
        return;
    }
    if (!m_context.stripe)
        m_impactSummary->setText(tr("Connect a Stripe test key (or start the demo) to see the "
                                    "impact on open sessions."));
    m_progress->show();
    m_cancel->show();
    m_runner->start();
}

bool PublishDialog::isComputing() const
{
    return m_runner && m_runner->isRunning();
}

void PublishDialog::showImpact(const drafts::ImpactReport &report, const QString &error)
{
    m_report = report;
    m_progress->hide();
    m_cancel->hide();
    m_impact->setSortingEnabled(false);
    m_impact->setRowCount(0);
    for (const drafts::SessionImpact &s : report.open) {
        const int row = m_impact->rowCount();
        m_impact->insertRow(row);
        const auto set = [&](int column, const QString &text, const QVariant &sortKey = {}) {
            auto *item = new QTableWidgetItem(text);
            if (sortKey.isValid())
                item->setData(Qt::UserRole, sortKey);
            m_impact->setItem(row, column, item);
        };
        set(0, s.sessionId);
        set(1, s.email);
        set(2, formatMoney(s.subtotal, s.currency));
        set(3, formatMoney(s.current, s.currency));
        set(4, formatMoney(s.live, s.currency));
        set(5, formatMoney(s.draft, s.currency));
        const QString delta = s.delta() == 0 ? (s.changed() ? tr("Other campaigns") : tr("None"))
                              : s.delta() > 0
                                  ? tr("%1 more").arg(formatMoney(s.delta(), s.currency))
                                  : tr("%1 less").arg(formatMoney(-s.delta(), s.currency));
        set(6, delta);
        if (s.changed()) {
            for (int c = 0; c < m_impact->columnCount(); ++c) {
                QFont f = m_impact->item(row, c)->font();
                f.setBold(true);
                m_impact->item(row, c)->setFont(f);
            }
        }
    }
    m_impact->setSortingEnabled(true);
    m_impact->resizeColumnsToContents();
    QString summary;
    if (!m_context.stripe)
        summary = tr("Connect a Stripe test key (or start the demo) to see the impact on open "
                     "sessions.");
    else
        summary = tr("%1 of %n open test session(s) would change discount.", nullptr,
                     int(report.open.size()))
                      .arg(report.changed);
    if (!error.isEmpty())
        summary = error + u' ' + summary;
    if (!report.skipped.isEmpty())
        summary +=
            u' ' + tr("%n session(s) could not be decided.", nullptr, int(report.skipped.size()));
    m_impactSummary->setText(summary);
    m_impactSummary->setToolTip(report.skipped.join(u'\n'));

    const QLocale locale;
    m_backtest->setItem(
        0, 0,
        new QTableWidgetItem(tr("%1 of %2")
                                 .arg(locale.toString(report.backtestLive.discounted),
                                      locale.toString(report.backtestSessions))));
    m_backtest->setItem(
        0, 1,
        new QTableWidgetItem(tr("%1 of %2")
                                 .arg(locale.toString(report.backtestDraft.discounted),
                                      locale.toString(report.backtestSessions))));
    m_backtest->setItem(1, 0, new QTableWidgetItem(amounts(report.backtestLive.cost)));
    m_backtest->setItem(1, 1, new QTableWidgetItem(amounts(report.backtestDraft.cost)));
    emit impactReady();
}

void PublishDialog::publish()
{
    if (m_runner)
        m_runner->cancel();
    if (auto done = m_draft.publish(); !done) {
        m_message->setText(tr("Nothing was published: %1").arg(done.error().describe()));
        m_message->show();
        return;
    }
    emit published();
    accept();
}

} // namespace remise::ui
