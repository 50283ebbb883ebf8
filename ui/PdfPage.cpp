#include "PdfPage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace vigil::pdf {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(PdfPage)
};
constexpr int kDotsPerInch = 300;
}

QFont font(int size, bool bold, bool mono)
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPixelSize(size); // points: the painter is scaled to points
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QString writePdf(const QString &file, const QString &title, const QString &creator,
                 const std::function<void(QPainter &, QPdfWriter &)> &draw)
{
    const QFileInfo target(file);
    if (!QDir().mkpath(target.absolutePath()))
        return Text::tr("cannot create the directory %1").arg(target.absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return Text::tr("cannot write %1: %2").arg(file, out.errorString());
    {
        QPdfWriter writer(&out);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        writer.setResolution(kDotsPerInch);
        writer.setTitle(title);
        writer.setCreator(creator);
        QPainter painter;
        if (!painter.begin(&writer)) {
            out.cancelWriting();
            return Text::tr("cannot start the PDF %1").arg(file);
        }
        painter.scale(kDotsPerInch / 72.0, kDotsPerInch / 72.0); // lay out in points
        painter.setRenderHint(QPainter::Antialiasing);
        draw(painter, writer);
        painter.end();
    }
    if (!out.commit())
        return Text::tr("cannot write %1: %2").arg(file, out.errorString());
    return {};
}

} // namespace vigil::pdf
