#include "tessera/text/wrapped_lines.hpp"

#include <cctype>

namespace tessera::text {
namespace {

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

bool startsListItem(std::string_view line) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
        return false;
    }
    const auto rest = line.substr(start);
    if (rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("\xE2\x80\xA2 ")) {
        return true;
    }
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) != 0) {
        ++digits;
    }
    return digits > 0 && digits + 1 < rest.size() && (rest[digits] == '.' || rest[digits] == ')') &&
           rest[digits + 1] == ' ';
}

} // namespace

std::string joinWrappedLines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t begin = 0;
    while (true) {
        const auto feed = text.find('\n', begin);
        const auto line = text.substr(begin, feed == std::string_view::npos ? std::string_view::npos : feed - begin);
        out.append(line);
        if (feed == std::string_view::npos) {
            break;
        }
        const auto nextEnd = text.find('\n', feed + 1);
        const auto next =
            text.substr(feed + 1, nextEnd == std::string_view::npos ? std::string_view::npos : nextEnd - feed - 1);
        const bool join = !blank(line) && !blank(next) && !startsListItem(next);
        if (!join) {
            out.push_back('\n');
        } else if (!line.ends_with(' ') && !next.starts_with(' ')) {
            out.push_back(' '); // the old editor turned the space itself into the break
        }
        begin = feed + 1;
    }
    return out;
}

} // namespace tessera::text
