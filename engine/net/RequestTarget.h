#pragma once
// An HTTP request target ("/v2/orders?status=open&symbols=AAPL%2CMSFT") split into its path
// and its query, both percent-decoded (Beast 1.74 decodes neither, Boost.URL came later: the
// decoding is Qt's QByteArray::fromPercentEncoding). In the query '+' is a space, as HTML
// forms and Alpaca's own server read it; in the path it is itself.
//
// Threads: any; pure.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::gateway {

struct RequestTarget {
    std::string path;
    std::vector<std::pair<std::string, std::string>> query; ///< in order; "a" alone is {"a", ""}
};

/// The target split and decoded, or none when it is not origin-form (does not begin with '/').
std::optional<RequestTarget> splitRequestTarget(std::string_view target);

} // namespace vigil::gateway
