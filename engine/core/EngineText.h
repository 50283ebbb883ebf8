#pragma once
// Sentences the engine makes for the operator (refusals, alerts, checklist advice,
// reconciliation descriptions, backup and restore errors), in the language of the
// process's installed translator. Thread safe: QCoreApplication::translate may be called
// from any thread, and without a translator (or an application) it returns the English.
//
// A sentence is marked where it is made, whole, with %1..%9 for its figures:
//     engineTr("Controls", "trading is %1; pausing would loosen it").arg(current)
// lupdate finds the call (app/CMakeLists.txt names engineTr an alias of translate) only
// in that shape: the context and the sentence as literals, the arguments in arg(). The
// context names the area ("Controls", "Checklist", "Reconciliation", "Backup" ...).

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace vigil {

class EngineText {
public:
    EngineText(const char *context, const char *sourceText);

    /// The sentence, translated, for one with no placeholder.
    std::string str() const { return m_text; }
    operator std::string() const { return m_text; }

    /// The translated sentence with %1..%9 replaced by the arguments in one pass (an
    /// argument's own "%2" stays as it is). Integers are written as std::to_string writes
    /// them; anything else is text, so figures keep the format their caller gives them.
    template<typename... Args> std::string arg(const Args &...args) const
    {
        const std::string texts[] = {textOf(args)...};
        return fill(texts, sizeof...(Args));
    }

private:
    template<typename T> static std::string textOf(const T &value)
    {
        if constexpr (std::is_integral_v<T> && !std::same_as<T, bool> && !std::same_as<T, char>)
            return std::to_string(value);
        else
            return std::string(std::string_view(value));
    }
    std::string fill(const std::string *args, std::size_t count) const;

    std::string m_text; ///< UTF-8
};

/// The sentence `sourceText` of `context`, translated (see above).
inline EngineText engineTr(const char *context, const char *sourceText) { return {context, sourceText}; }

} // namespace vigil
