#include "PanelParts.h"

#include "Format.h"

#include <QLabel>

namespace vigil::panel {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("sectionTitle"));
    return label;
}

QLabel *caption(const QString &text, QWidget *parent, Qt::Alignment alignment)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("tileDetail"));
    label->setAlignment(alignment | Qt::AlignVCenter);
    return label;
}

QLabel *figure(QWidget *parent, int pixelSize)
{
    auto *label = new QLabel(format::none(), parent);
    label->setFont(theme::monospaceFont(pixelSize, QFont::DemiBold));
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    theme::setTone(label, theme::Tone::Normal);
    return label;
}

void present(QLabel *label, const QString &text, theme::Tone tone)
{
    theme::setText(label, text);
    theme::setTone(label, tone);
}

} // namespace vigil::panel
