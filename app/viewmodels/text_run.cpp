#include "viewmodels/text_run.hpp"

namespace tessera::app {

std::vector<TextRun> parseMarkedSnippet(std::string_view snippet) {
    std::vector<TextRun> runs;
    const auto add = [&runs](std::string_view text, bool emphasised) {
        if (text.empty()) {
            return;
        }
        if (!runs.empty() && runs.back().emphasised == emphasised) {
            runs.back().text += text;
        } else {
            runs.push_back({std::string{text}, emphasised});
        }
    };
    std::size_t at = 0;
    while (at < snippet.size()) {
        const auto open = snippet.find('[', at);
        if (open == std::string_view::npos) {
            add(snippet.substr(at), false);
            break;
        }
        const auto close = snippet.find(']', open + 1);
        if (close == std::string_view::npos) {
            add(snippet.substr(at), false);
            break;
        }
        add(snippet.substr(at, open - at), false);
        add(snippet.substr(open + 1, close - open - 1), true);
        at = close + 1;
    }
    return runs;
}

} // namespace tessera::app
