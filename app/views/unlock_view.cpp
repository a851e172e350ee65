#include "views/unlock_view.hpp"
#include "ui/widgets.hpp"

#include "ui/application.hpp"
#include "ui/probe.hpp"
#include "ui/style.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace tessera::app {
namespace {

constexpr const char* kAdvice = "A few unrelated words make a strong passphrase you can remember.";

void copyInto(std::array<char, 1024>& buffer, const std::string& text) {
    const auto n = std::min(text.size(), buffer.size() - 1);
    std::memcpy(buffer.data(), text.data(), n);
    buffer[n] = '\0';
}

} // namespace

UnlockView::UnlockView() = default;

UnlockView::~UnlockView() {
    wipeBuffers();
}

void UnlockView::wipeBuffers() {
    storage::wipe(m_passphrase.data(), m_passphrase.size());
    storage::wipe(m_repeat.data(), m_repeat.size());
}

void UnlockView::submit(Application& app) {
    m_localError.clear();
    m_submitWhenEstimated.reset();
    const std::string path = m_path.data();
    if (path.empty()) {
        m_localError = "Choose where the vault is.";
        return;
    }
    if (m_passphrase[0] == '\0') {
        m_localError = "Type the passphrase.";
        m_focusPassphrase = true;
        return;
    }
    if (m_mode == Mode::Create) {
        const auto* strength = app.unlockModel().strengthFor(path, m_edits);
        if (strength == nullptr) {
            m_submitWhenEstimated = m_edits; // the estimate of what is typed is on its way
            return;
        }
        if (!strength->acceptable) {
            m_localError = "The passphrase is " + strength->reason + ".";
            return;
        }
        if (std::strcmp(m_passphrase.data(), m_repeat.data()) != 0) {
            m_localError = "The two passphrases differ.";
            return;
        }
        app.beginCreate(path, storage::Secret{m_passphrase.data()});
    } else {
        app.beginUnlock(path, storage::Secret{m_passphrase.data()});
    }
    m_submitted = true;
    wipeBuffers();
    ++m_edits;
    app.unlockModel().forgetPassphrase();
    m_strength.reset();
}

void UnlockView::draw(Application& app) {
    auto& model = app.unlockModel();
    const bool strengthArrived = model.update({.recent = app.settings().recentVaults,
                                               .create = m_mode == Mode::Create,
                                               .path = m_path.data(),
                                               .passphrase = m_passphrase.data(),
                                               .edits = m_edits});
    if (!m_initialised && model.start()) {
        // The most recent vault; else the standard one, to create when it is not there yet.
        m_initialised = true;
        copyInto(m_path, model.start()->path);
        if (model.start()->create) {
            m_mode = Mode::Create;
        }
    }
    if (strengthArrived || m_strength.has_value() != (model.lastStrength() != nullptr)) {
        m_strength = model.lastStrength() != nullptr ? std::optional{*model.lastStrength()} : std::nullopt;
    }
    const auto& io = ImGui::GetIO();
    const auto colours = ui::palette();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##unlock", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);

    const float width = std::min(520.0f * ui::unit(), io.DisplaySize.x - 40.0f);
    ImGui::SetCursorPos({(io.DisplaySize.x - width) * 0.5f, std::max(40.0f, io.DisplaySize.y * 0.16f)});
    ImGui::BeginGroup();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted("Tessera");
    }
    {
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        ImGui::TextUnformatted("Session notes, encrypted on this computer. Nothing leaves it unless you export it.");
    }
    ImGui::Spacing();
    if (!m_initialised) {
        // Whether the standard vault exists is being checked (a frame or two, on first use).
        ImGui::EndGroup();
        ImGui::End();
        return;
    }

    const bool busy = app.isUnlocking();
    if (m_submitted && !busy) {
        // The outcome has arrived (however few frames it took). A wrong passphrase: the caret is
        // back in the (emptied) field.
        m_submitted = false;
        m_focusPassphrase = app.unlockError().has_value();
    }
    ImGui::BeginDisabled(busy);
    if (ImGui::RadioButton("Unlock a vault", m_mode == Mode::Unlock)) {
        m_mode = Mode::Unlock;
        m_localError.clear();
        m_submitWhenEstimated.reset();
    }
    ui::markItem("unlock-mode");
    ImGui::SameLine();
    if (ImGui::RadioButton("Create a new vault", m_mode == Mode::Create)) {
        m_mode = Mode::Create;
        m_localError.clear();
    }
    ui::markItem("create-mode");
    ImGui::Spacing();

    ImGui::TextUnformatted("Vault file");
    ImGui::SetNextItemWidth(width);
    const bool pathEdited = ImGui::InputText("##path", m_path.data(), m_path.size());
    ui::markItem("path");
    const auto& recent = model.recent();
    if (!recent.empty() && m_mode == Mode::Unlock) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
            ImGui::TextUnformatted("Recent:");
        }
        for (std::size_t i = 0; i < recent.size() && i < 4; ++i) {
            const ui::ScopedId iScope{static_cast<int>(i)};
            ImGui::SameLine();
            if (ImGui::SmallButton(recent[i].name.c_str())) {
                copyInto(m_path, recent[i].path);
                m_focusPassphrase = true;
            }
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", recent[i].path.c_str());
            }
        }
    }
    ImGui::Spacing();

    ImGui::TextUnformatted(m_mode == Mode::Create ? "New passphrase" : "Passphrase");
    ImGui::SetNextItemWidth(width);
    if (m_focusPassphrase && !busy) {
        ImGui::SetKeyboardFocusHere();
        m_focusPassphrase = false;
    }
    bool enter = ImGui::InputText("##passphrase", m_passphrase.data(), m_passphrase.size(),
                                  ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::IsItemEdited() || pathEdited) {
        ++m_edits; // estimated again (on the model's worker) from the next frame
    }
    ui::markItem("passphrase");
    bool strongEnough = true;
    if (m_mode == Mode::Create) {
        if (m_passphrase[0] == '\0') {
            m_strength.reset();
        }
        strongEnough = m_strength && m_strength->acceptable;
        if (m_strength) {
            const ImVec4 tone = m_strength->acceptable   ? colours.success
                                : m_strength->score >= 2 ? colours.warning
                                                         : colours.danger;
            {
                const ui::ScopedColour textColour{ImGuiCol_Text, tone};
                const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
                if (m_strength->acceptable) {
                    ImGui::Text("Strength: %s (%d of 4)", m_strength->label.c_str(), m_strength->score);
                } else {
                    ImGui::Text("Strength: %s (%d of 4): %s", m_strength->label.c_str(), m_strength->score,
                                m_strength->reason.c_str());
                }
            }
            ui::markItem("strength");
        } else if (m_passphrase[0] != '\0') {
            // The first estimate is on its way (a frame or two): its line is kept, so the fields
            // below do not move under the pointer when it arrives.
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
            ImGui::TextUnformatted("Strength: \xE2\x80\xA6");
        }
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
            ImGui::TextUnformatted(kAdvice);
        }
        ImGui::TextUnformatted("Repeat the passphrase");
        ImGui::SetNextItemWidth(width);
        enter |= ImGui::InputText("##repeat", m_repeat.data(), m_repeat.size(),
                                  ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        ui::markItem("repeat");
    }
    ImGui::Spacing();
    const char* action = m_mode == Mode::Create ? "Create vault" : "Unlock";
    // A new vault needs a passphrase of strength 3 of 4 (the meter above says why not yet).
    ImGui::BeginDisabled(!strongEnough);
    const bool clicked = ImGui::Button(action, {width, 0});
    ImGui::EndDisabled();
    ui::markItem("submit");
    ImGui::EndDisabled();
    if ((clicked || enter) && !busy) {
        submit(app);
    } else if (m_submitWhenEstimated && !busy) {
        if (*m_submitWhenEstimated != m_edits || m_mode != Mode::Create) {
            m_submitWhenEstimated.reset(); // edited since: the clinician asks again
        } else if (model.strengthFor(m_path.data(), m_edits) != nullptr) {
            submit(app);
        }
    }

    ImGui::Spacing();
    if (busy) {
        // Key derivation is slow on purpose (256,000 PBKDF2 rounds); show that work is happening.
        const float t = static_cast<float>(app.unlockingSeconds());
        ImGui::ProgressBar(-1.0f * t, {width, 0}, m_mode == Mode::Create ? "Creating the vault..." : "Unlocking...");
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
        ImGui::TextUnformatted("Deriving the key from your passphrase takes a moment on purpose.");
    } else if (!m_localError.empty() || app.unlockError()) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.danger};
            const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
            ImGui::TextUnformatted(!m_localError.empty() ? m_localError.c_str() : app.unlockError()->c_str());
        }
        ui::markItem("unlock-error");
    }
    if (m_mode == Mode::Create) {
        ImGui::Spacing();
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        ImGui::TextUnformatted("There is no way to recover a forgotten passphrase. Write it down somewhere safe, "
                               "away from this computer.");
    }
    ImGui::EndGroup();
    ImGui::End();
}

} // namespace tessera::app
