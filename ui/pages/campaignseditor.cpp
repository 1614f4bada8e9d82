#include "campaignseditor.h"

#include "campaignfile.h"
#include "campaignswidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',')) {
        const QString t = part.trimmed();
        if (!t.isEmpty())
            out.append(t);
    }
    return out;
}

QString joinList(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QStringList parts;
    for (const QJsonValue &v : value.toArray())
        parts.append(v.toString());
    return parts.join(u", "_s);
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

} // namespace

CampaignEditor::CampaignEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    m_general = new QLabel(this);
    m_general->setObjectName(u"generalProblem"_s);
    m_general->setWordWrap(true);
    m_general->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_general->hide();
    outer->addWidget(m_general);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addLayout(m_form);
    m_findings = new QLabel(this);
    m_findings->setObjectName(u"lintFindings"_s);
    m_findings->setWordWrap(true);
    m_findings->hide();
    outer->addWidget(m_findings);
    outer->addStretch();

    // --- identity
    m_form->addRow(sectionTitle(tr("Campaign"), this));
    m_id = new QLineEdit(this);
    m_id->setObjectName(u"campaignId"_s);
    m_id->setAccessibleName(tr("Campaign id"));
    m_id->setPlaceholderText(tr("black-friday-2026"));
    m_id->setToolTip(tr("Lowercase letters, digits, dashes and underscores; it never changes once "
                        "sessions carry the campaign."));
    m_form->addRow(tr("&Id"), withProblem(m_id, u"id"_s));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"campaignName"_s);
    m_name->setAccessibleName(tr("Campaign name"));
    m_name->setToolTip(tr("Customers see this name on the checkout page (40 characters at most)."));
    m_form->addRow(tr("&Name"), withProblem(m_name, u"name"_s));
    m_status = new QComboBox(this);
    m_status->setObjectName(u"campaignStatus"_s);
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Draft (never applies)"), u"draft"_s);
    m_status->addItem(tr("Active"), u"active"_s);
    m_status->addItem(tr("Paused"), u"paused"_s);
    m_status->addItem(tr("Archived (left out of decisions)"), u"archived"_s);
    m_form->addRow(tr("&Status"), withProblem(m_status, u"status"_s));
    m_priority = new QSpinBox(this);
    m_priority->setObjectName(u"campaignPriority"_s);
    m_priority->setAccessibleName(tr("Priority"));
    m_priority->setRange(-1'000'000, 1'000'000);
    m_priority->setToolTip(tr("Higher priorities win ties between campaigns."));
    m_form->addRow(tr("&Priority"), withProblem(m_priority, u"priority"_s));
    m_stacking = new QComboBox(this);
    m_stacking->setObjectName(u"campaignStacking"_s);
    m_stacking->setAccessibleName(tr("Stacking"));
    m_stacking->addItem(tr("Exclusive: stands alone"), u"exclusive"_s);
    m_stacking->addItem(tr("Stackable: adds up with other stackable campaigns"), u"stackable"_s);
    m_form->addRow(tr("S&tacking"), withProblem(m_stacking, u"stacking"_s));

    // --- schedule
    m_form->addRow(sectionTitle(tr("Schedule"), this));
    const auto timeRow = [this](QCheckBox *&has, QDateTimeEdit *&edit, QComboBox *&zone,
                                const QString &checkText, const QString &name, const QString &key) {
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        has = new QCheckBox(checkText, row);
        has->setObjectName(key + u"Set"_s);
        edit = new QDateTimeEdit(row);
        edit->setObjectName(key);
        edit->setAccessibleName(name);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
        zone = makeZoneBox(tr("Time zone of %1").arg(name));
        h->addWidget(has);
        h->addWidget(edit, 1);
        h->addWidget(zone, 1);
        connect(has, &QCheckBox::toggled, this, [this, key] {
            updateScheduleRows();
            notify(key);
        });
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this, key] { notify(key); });
        connect(zone, &QComboBox::currentIndexChanged, this, [this, key] { notify(key); });
        return row;
    };
    m_form->addRow(tr("Starts"), withProblem(timeRow(m_hasStart, m_start, m_startZone, tr("From"),
                                                     tr("Start"), u"starts_at"_s),
                                             u"starts_at"_s));
    m_form->addRow(tr("Ends"), withProblem(timeRow(m_hasEnd, m_end, m_endZone, tr("Until"),
                                                   tr("End"), u"ends_at"_s),
                                           u"ends_at"_s));

    // --- conditions
    m_form->addRow(sectionTitle(tr("Conditions (all must hold)"), this));
    m_segments = new QListWidget(this);
    m_segments->setObjectName(u"campaignSegments"_s);
    m_segments->setAccessibleName(tr("Segments"));
    m_segments->setToolTip(tr("The customer must match one of the checked segments. Check none "
                              "for everybody."));
    m_segments->setMaximumHeight(m_segments->fontMetrics().height() * 7);
    m_form->addRow(tr("Se&gments"), withProblem(m_segments, u"conditions.segments"_s));
    m_currencies = new QLineEdit(this);
    m_currencies->setObjectName(u"campaignCurrencies"_s);
    m_currencies->setAccessibleName(tr("Currencies"));
    m_currencies->setPlaceholderText(tr("Any currency (or a list such as: eur, usd)"));
    m_form->addRow(tr("C&urrencies"), withProblem(m_currencies, u"conditions.currencies"_s));
    m_minSubtotal = new CurrencyAmountsEdit(tr("the minimum subtotal"), this);
    m_minSubtotal->setObjectName(u"campaignMinSubtotal"_s);
    m_form->addRow(tr("Minimum subtotal"),
                   withProblem(m_minSubtotal, u"conditions.min_subtotal"_s));
    m_countries = new QLineEdit(this);
    m_countries->setObjectName(u"campaignCountries"_s);
    m_countries->setAccessibleName(tr("Countries"));
    m_countries->setPlaceholderText(tr("Any country (or a list such as: FR, BE)"));
    m_form->addRow(tr("C&ountries"), withProblem(m_countries, u"conditions.countries"_s));
    m_codes = new QLineEdit(this);
    m_codes->setObjectName(u"campaignCodes"_s);
    m_codes->setAccessibleName(tr("Codes"));
    m_codes->setPlaceholderText(tr("No code needed (or codes separated by commas)"));
    m_form->addRow(tr("Co&des"), withProblem(m_codes, u"conditions.code"_s));
    m_firstOrder = new QCheckBox(tr("Only for a customer's first order"), this);
    m_firstOrder->setObjectName(u"campaignFirstOrder"_s);
    m_form->addRow(tr("First order"), withProblem(m_firstOrder, u"conditions.first_order"_s));
    m_products = new QLineEdit(this);
    m_products->setObjectName(u"campaignProducts"_s);
    m_products->setAccessibleName(tr("Products"));
    m_products->setPlaceholderText(tr("Any product (or Stripe product ids: prod_…)"));
    m_form->addRow(tr("P&roducts"), withProblem(m_products, u"conditions.products"_s));

    // --- reward
    m_form->addRow(sectionTitle(tr("Reward"), this));
    m_rewardType = new QComboBox(this);
    m_rewardType->setObjectName(u"rewardType"_s);
    m_rewardType->setAccessibleName(tr("Reward type"));
    m_rewardType->addItem(tr("A percentage off"), u"percent_off"_s);
    m_rewardType->addItem(tr("An amount off"), u"amount_off"_s);
    m_rewardType->addItem(tr("Tiers by subtotal"), u"tiered"_s);
    m_form->addRow(tr("T&ype"), withProblem(m_rewardType, u"reward.type"_s));
    m_percent = new QDoubleSpinBox(this);
    m_percent->setObjectName(u"rewardPercent"_s);
    m_percent->setAccessibleName(tr("Percentage off"));
    m_percent->setRange(0, 100);
    m_percent->setDecimals(2);
    m_percent->setSuffix(u" %"_s);
    m_form->addRow(tr("Percenta&ge"), withProblem(m_percent, u"reward.percent"_s));
    m_maxAmountOff = new CurrencyAmountsEdit(tr("the maximum discount"), this);
    m_maxAmountOff->setObjectName(u"rewardMaxAmountOff"_s);
    m_form->addRow(tr("At most"), withProblem(m_maxAmountOff, u"reward.max_amount_off"_s));
    m_amountOff = new CurrencyAmountsEdit(tr("the amount off"), this);
    m_amountOff->setObjectName(u"rewardAmountOff"_s);
    m_form->addRow(tr("Amount off"), withProblem(m_amountOff, u"reward.amount_off"_s));
    m_tiers = new TiersEdit(this);
    m_tiers->setObjectName(u"rewardTiers"_s);
    m_form->addRow(tr("Tiers"), withProblem(m_tiers, u"reward.tiers"_s));

    // --- limits
    m_form->addRow(sectionTitle(tr("Limits"), this));
    const auto limitBox = [this](const QString &name, const QString &key) {
        auto *box = new QSpinBox(this);
        box->setObjectName(key);
        box->setAccessibleName(name);
        box->setRange(0, 2'000'000'000);
        box->setSpecialValueText(tr("No limit"));
        connect(box, &QSpinBox::valueChanged, this, [this, key] { notify(key); });
        return box;
    };
    m_maxRedemptions = limitBox(tr("Redemptions in all"), u"limits.max_redemptions"_s);
    m_form->addRow(tr("Redemptions in all"),
                   withProblem(m_maxRedemptions, u"limits.max_redemptions"_s));
    m_maxPerCustomer = limitBox(tr("Redemptions per customer"), u"limits.max_per_customer"_s);
    m_form->addRow(tr("Per customer"), withProblem(m_maxPerCustomer, u"limits.max_per_customer"_s));
    m_budget = new CurrencyAmountsEdit(tr("the budget"), this);
    m_budget->setObjectName(u"limitsBudget"_s);
    m_form->addRow(tr("Budget"), withProblem(m_budget, u"limits.budget"_s));
    // Catch-alls for problems of a whole part.
    m_problems.insert(u"conditions"_s, m_problems.value(u"conditions.segments"_s));
    m_problems.insert(u"reward"_s, m_problems.value(u"reward.type"_s));
    m_problems.insert(u"limits"_s, m_problems.value(u"limits.max_redemptions"_s));

    for (QLineEdit *edit : {m_id, m_name, m_currencies, m_countries, m_codes, m_products}) {
        const QString key = edit->objectName();
        connect(edit, &QLineEdit::textEdited, this, [this, key] { notify(key); });
    }
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { notify(u"status"_s); });
    connect(m_stacking, &QComboBox::currentIndexChanged, this, [this] { notify(u"stacking"_s); });
    connect(m_priority, &QSpinBox::valueChanged, this, [this] { notify(u"priority"_s); });
    connect(m_segments, &QListWidget::itemChanged, this, [this] { notify(u"segments"_s); });
    connect(m_firstOrder, &QCheckBox::toggled, this, [this] {
        m_firstOrderFalse = false;
        notify(u"first_order"_s);
    });
    connect(m_rewardType, &QComboBox::currentIndexChanged, this, [this] {
        updateRewardRows();
        notify(u"reward.type"_s);
    });
    connect(m_percent, &QDoubleSpinBox::valueChanged, this,
            [this] { notify(u"reward.percent"_s); });
    for (CurrencyAmountsEdit *edit : {m_minSubtotal, m_maxAmountOff, m_amountOff, m_budget}) {
        const QString key = edit->objectName();
        connect(edit, &CurrencyAmountsEdit::changed, this, [this, key] { notify(key); });
    }
    connect(m_tiers, &TiersEdit::changed, this, [this] { notify(u"reward.tiers"_s); });

    setCampaign(QJsonObject{});
}

QComboBox *CampaignEditor::makeZoneBox(const QString &accessibleName)
{
    auto *box = new QComboBox(this);
    box->setAccessibleName(accessibleName);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    const QByteArray system = QTimeZone::systemTimeZoneId();
    box->addItem(QString::fromUtf8(system), system);
    box->addItem(u"UTC"_s, QByteArray("UTC"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        if (id != system && id != "UTC")
            box->addItem(QString::fromUtf8(id), id);
    return box;
}

QWidget *CampaignEditor::withProblem(QWidget *field, const QString &path)
{
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    auto *problem = new QLabel(box);
    problem->setObjectName(u"problem:"_s + path);
    problem->setWordWrap(true);
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = problem->font();
    font.setItalic(true);
    problem->setFont(font);
    problem->hide();
    v->addWidget(problem);
    m_problems.insert(path, problem);
    m_rows.insert(path, box);
    return box;
}

void CampaignEditor::notify(const QString &field)
{
    if (!m_loading)
        emit edited(field);
}

void CampaignEditor::updateRewardRows()
{
    const QString type = m_rewardType->currentData().toString();
    m_form->setRowVisible(m_rows.value(u"reward.percent"_s), type == u"percent_off");
    m_form->setRowVisible(m_rows.value(u"reward.max_amount_off"_s), type == u"percent_off");
    m_form->setRowVisible(m_rows.value(u"reward.amount_off"_s), type == u"amount_off");
    m_form->setRowVisible(m_rows.value(u"reward.tiers"_s), type == u"tiered");
}

void CampaignEditor::updateScheduleRows()
{
    m_start->setEnabled(m_hasStart->isChecked());
    m_startZone->setEnabled(m_hasStart->isChecked());
    m_end->setEnabled(m_hasEnd->isChecked());
    m_endZone->setEnabled(m_hasEnd->isChecked());
}

void CampaignEditor::setSegments(const QList<std::pair<QString, QString>> &segments)
{
    const QStringList checked =
        campaign().value(u"conditions").toObject().value(u"segments").toVariant().toStringList();
    const bool wasLoading = std::exchange(m_loading, true);
    m_segments->clear();
    QStringList ids;
    for (const auto &[id, name] : segments) {
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(name, id), m_segments);
        item->setData(Qt::UserRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
        ids.append(id);
    }
    // References to segments that do not exist stay visible (and checked), so the problem shows.
    for (const QString &id : checked) {
        if (ids.contains(id))
            continue;
        auto *item = new QListWidgetItem(tr("%1 (not defined)").arg(id), m_segments);
        item->setData(Qt::UserRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Checked);
    }
    m_loading = wasLoading;
}

void CampaignEditor::setTime(QCheckBox *has, QDateTimeEdit *edit, QComboBox *zone,
                             const QJsonValue &value)
{
    const auto time = value.isString() ? campaignfile::parseTimestamp(value.toString())
                                       : std::optional<QDateTime>();
    has->setChecked(time.has_value());
    if (!time)
        return;
    // Keep the chosen zone when it gives the same offset at that instant, else show the offset.
    QTimeZone tz(zone->currentData().toByteArray());
    if (!tz.isValid() || tz.offsetFromUtc(*time) != time->offsetFromUtc()) {
        tz = QTimeZone(time->offsetFromUtc());
        const QByteArray id = tz.id();
        int index = zone->findData(id);
        if (index < 0) {
            zone->insertItem(0, QString::fromUtf8(id), id);
            index = 0;
        }
        zone->setCurrentIndex(index);
    }
    const QDateTime local = time->toTimeZone(tz);
    edit->setDateTime(QDateTime(local.date(), local.time()));
}

QJsonValue CampaignEditor::timeValue(QCheckBox *has, QDateTimeEdit *edit, QComboBox *zone)
{
    if (!has->isChecked())
        return QJsonValue(QJsonValue::Undefined);
    QTimeZone tz(zone->currentData().toByteArray());
    if (!tz.isValid())
        tz = QTimeZone(zone->currentText().toUtf8());
    if (!tz.isValid())
        tz = QTimeZone::utc();
    const QDateTime inZone(edit->date(), edit->time(), tz);
    const QDateTime withOffset = inZone.toOffsetFromUtc(inZone.offsetFromUtc());
    return campaignfile::formatTimestamp(withOffset);
}

void CampaignEditor::setCampaign(const QJsonObject &c)
{
    const bool wasLoading = std::exchange(m_loading, true);
    m_id->setText(c.value(u"id").toString());
    m_name->setText(c.value(u"name").toString());
    m_status->setCurrentIndex(
        std::max(0, m_status->findData(c.value(u"status").toString(u"draft"_s))));
    m_priority->setValue(c.value(u"priority").toInt());
    m_stacking->setCurrentIndex(
        std::max(0, m_stacking->findData(c.value(u"stacking").toString(u"exclusive"_s))));
    if (!m_start->dateTime().isValid() || c.isEmpty()) {
        const QDateTime now = QDateTime::currentDateTime();
        m_start->setDateTime(QDateTime(now.date(), QTime(0, 0)));
        m_end->setDateTime(QDateTime(now.date().addDays(7), QTime(0, 0)));
    }
    setTime(m_hasStart, m_start, m_startZone, c.value(u"starts_at"));
    setTime(m_hasEnd, m_end, m_endZone, c.value(u"ends_at"));
    updateScheduleRows();

    const QJsonObject cond = c.value(u"conditions").toObject();
    const QStringList segments = cond.value(u"segments").toVariant().toStringList();
    for (int i = 0; i < m_segments->count(); ++i) {
        QListWidgetItem *item = m_segments->item(i);
        item->setCheckState(segments.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                   : Qt::Unchecked);
    }
    for (const QString &id : segments) {
        bool listed = false;
        for (int i = 0; i < m_segments->count() && !listed; ++i)
            listed = m_segments->item(i)->data(Qt::UserRole).toString() == id;
        if (!listed) {
            auto *item = new QListWidgetItem(tr("%1 (not defined)").arg(id), m_segments);
            item->setData(Qt::UserRole, id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(Qt::Checked);
        }
    }
    m_currencies->setText(joinList(cond.value(u"currencies")));
    m_minSubtotal->setAmounts(cond.value(u"min_subtotal").toObject());
    m_countries->setText(joinList(cond.value(u"countries")));
    m_codes->setText(joinList(cond.value(u"code")));
    m_firstOrder->setChecked(cond.value(u"first_order").toBool());
    m_firstOrderFalse = cond.value(u"first_order").isBool() && !cond.value(u"first_order").toBool();
    m_products->setText(joinList(cond.value(u"products")));

    const QJsonObject reward = c.value(u"reward").toObject();
    m_rewardType->setCurrentIndex(
        std::max(0, m_rewardType->findData(reward.value(u"type").toString(u"percent_off"_s))));
    m_percent->setValue(reward.value(u"percent").toDouble());
    m_maxAmountOff->setAmounts(reward.value(u"max_amount_off").toObject());
    m_amountOff->setAmounts(reward.value(u"amount_off").toObject());
    m_tiers->setTiers(reward.value(u"tiers").toArray());
    updateRewardRows();

    const QJsonObject limits = c.value(u"limits").toObject();
    m_maxRedemptions->setValue(int(limits.value(u"max_redemptions").toInteger()));
    m_maxPerCustomer->setValue(int(limits.value(u"max_per_customer").toInteger()));
    m_budget->setAmounts(limits.value(u"budget").toObject());
    m_loading = wasLoading;
}

QJsonObject CampaignEditor::campaign() const
{
    QJsonObject c{{u"id"_s, m_id->text().trimmed()},
                  {u"name"_s, m_name->text()},
                  {u"status"_s, m_status->currentData().toString()},
                  {u"priority"_s, m_priority->value()},
                  {u"stacking"_s, m_stacking->currentData().toString()}};
    if (const QJsonValue t = timeValue(m_hasStart, m_start, m_startZone); !t.isUndefined())
        c.insert(u"starts_at"_s, t);
    if (const QJsonValue t = timeValue(m_hasEnd, m_end, m_endZone); !t.isUndefined())
        c.insert(u"ends_at"_s, t);

    QJsonObject cond;
    QJsonArray segments;
    for (int i = 0; i < m_segments->count(); ++i)
        if (m_segments->item(i)->checkState() == Qt::Checked)
            segments.append(m_segments->item(i)->data(Qt::UserRole).toString());
    if (!segments.isEmpty())
        cond.insert(u"segments"_s, segments);
    if (const QStringList list = splitList(m_currencies->text().toLower()); !list.isEmpty())
        cond.insert(u"currencies"_s, QJsonArray::fromStringList(list));
    if (!m_minSubtotal->isEmpty())
        cond.insert(u"min_subtotal"_s, m_minSubtotal->amounts());
    if (const QStringList list = splitList(m_countries->text().toUpper()); !list.isEmpty())
        cond.insert(u"countries"_s, QJsonArray::fromStringList(list));
    if (const QStringList list = splitList(m_codes->text()); list.size() == 1)
        cond.insert(u"code"_s, list.first());
    else if (list.size() > 1)
        cond.insert(u"code"_s, QJsonArray::fromStringList(list));
    if (m_firstOrder->isChecked())
        cond.insert(u"first_order"_s, true);
    else if (m_firstOrderFalse)
        cond.insert(u"first_order"_s, false);
    if (const QStringList list = splitList(m_products->text()); !list.isEmpty())
        cond.insert(u"products"_s, QJsonArray::fromStringList(list));
    c.insert(u"conditions"_s, cond);

    const QString type = m_rewardType->currentData().toString();
    QJsonObject reward{{u"type"_s, type}};
    if (type == u"percent_off") {
        reward.insert(u"percent"_s, m_percent->value());
        if (!m_maxAmountOff->isEmpty())
            reward.insert(u"max_amount_off"_s, m_maxAmountOff->amounts());
    } else if (type == u"amount_off") {
        reward.insert(u"amount_off"_s, m_amountOff->amounts());
    } else {
        reward.insert(u"tiers"_s, m_tiers->tiers());
    }
    c.insert(u"reward"_s, reward);

    QJsonObject limits;
    if (m_maxRedemptions->value() > 0)
        limits.insert(u"max_redemptions"_s, m_maxRedemptions->value());
    if (m_maxPerCustomer->value() > 0)
        limits.insert(u"max_per_customer"_s, m_maxPerCustomer->value());
    if (!m_budget->isEmpty())
        limits.insert(u"budget"_s, m_budget->amounts());
    c.insert(u"limits"_s, limits);
    return c;
}

int CampaignEditor::showProblems(const QList<Error> &problems, const QString &prefix)
{
    QHash<QLabel *, QStringList> texts;
    QStringList general;
    int shown = 0;
    for (const Error &e : problems) {
        if (!e.path.startsWith(prefix))
            continue;
        QString rest = e.path.mid(prefix.size());
        if (!rest.isEmpty() && rest.front() != u'.' && rest.front() != u'[')
            continue; // "$.campaigns[1]" is not under "$.campaigns[10]"
        ++shown;
        if (rest.startsWith(u'.'))
            rest.remove(0, 1);
        // The longest known field the path falls under.
        QLabel *label = nullptr;
        QString key = rest;
        while (!key.isEmpty()) {
            if ((label = m_problems.value(key)))
                break;
            const qsizetype cut = std::max(key.lastIndexOf(u'.'), key.lastIndexOf(u'['));
            key = cut > 0 ? key.left(cut) : QString();
        }
        // The message as `campaigns import` prints it, the path of nested elements included.
        QString sub = rest.mid(key.size());
        if (sub.startsWith(u'.'))
            sub.remove(0, 1);
        const QString text = sub.isEmpty() ? e.message : sub + u": "_s + e.message;
        if (label)
            texts[label].append(text);
        else
            general.append(e.describe());
    }
    for (QLabel *label : std::as_const(m_problems)) {
        const QStringList lines = texts.value(label);
        label->setText(lines.join(u'\n'));
        label->setVisible(!lines.isEmpty());
        label->setAccessibleDescription(label->text());
    }
    m_general->setText(general.join(u'\n'));
    m_general->setVisible(!general.isEmpty());
    return shown;
}

void CampaignEditor::showFindings(const QStringList &findings)
{
    m_findings->setText(findings.isEmpty()
                            ? QString()
                            : tr("Lint findings:") + u"\n• "_s + findings.join(u"\n• "_s));
    m_findings->setVisible(!findings.isEmpty());
}

QString CampaignEditor::problemAt(const QString &field) const
{
    const QLabel *label = m_problems.value(field);
    return label && !label->isHidden() ? label->text()
                                       : (field.isEmpty() ? m_general->text() : QString());
}

} // namespace remise::ui
