#include "core/EngineText.h"

#include <QCoreApplication>

namespace vigil {

EngineText::EngineText(const char *context, const char *sourceText)
    : m_text(QCoreApplication::translate(context, sourceText).toStdString())
{}

std::string EngineText::fill(const std::string *args, std::size_t count) const
{
    // One pass over the sentence: an argument is never searched for placeholders, so a
    // path or a note holding "%2" comes out as written.
    std::string out;
    out.reserve(m_text.size() + 32);
    for (std::size_t i = 0; i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c == '%' && i + 1 < m_text.size() && m_text[i + 1] >= '1' && m_text[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(m_text[i + 1] - '1');
            if (n < count) {
                out += args[n];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace vigil
