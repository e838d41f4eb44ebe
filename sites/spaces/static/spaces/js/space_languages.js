// The admin's language picker (wagtail-modeltranslation) sorts the form's panels by language and
// hides those of the languages not toggled on. Two corrections, made when it announces that it has
// sorted the fields, just before it draws its buttons from the global settings:
//
// 1. On a space's page, offer only the languages of that space, its default one shown first (with
//    the editor's own, when the space publishes in it).
// 2. The picker files a whole section under the first language code its text mentions: the event's
//    "Where" (venue [en], venue [ru], online link) went under English, and a Russian editor never
//    saw it, nor its untranslated online link. A section holding fields of several languages, or
//    fields that are not translated, stays shown whatever the toggles; its translated fields are
//    still shown or hidden one by one with their own language.
document.addEventListener("wagtail-modeltranslation:buildSets:done", function () {
  "use strict";
  if (typeof wagtailModelTranslations === "undefined") {
    return;
  }
  var networkLanguages = wagtailModelTranslations.languages.slice();
  var translatedName = new RegExp("_(" + networkLanguages.join("|") + ")$");

  function languagesOfFields(section) {
    var languages = {};
    var untranslated = false;
    section.querySelectorAll("[data-contentpath]").forEach(function (field) {
      var match = translatedName.exec(field.getAttribute("data-contentpath"));
      if (match) {
        languages[match[1]] = true;
      } else {
        untranslated = true;
      }
    });
    return { count: Object.keys(languages).length, untranslated: untranslated };
  }

  document.querySelectorAll("form section.w-panel").forEach(function (section) {
    var found = languagesOfFields(section);
    if (found.count > 1 || (found.count === 1 && found.untranslated)) {
      section.classList.add("socle-every-language");
    }
  });

  var marker = document.querySelector("[data-space-languages]");
  if (!marker) {
    return;
  }
  var languages = marker.getAttribute("data-space-languages").split(",");
  wagtailModelTranslations.languages = languages;
  wagtailModelTranslations.defaultLanguage = languages[0];
  // Shown at first: the space's default language, and the editor's own admin language if the space
  // publishes in it (a Kannada editor in Bangalore sees the English and the Kannada fields).
  var own = document.documentElement.lang;
  wagtailModelTranslations.locale_picker_default =
    own !== languages[0] && languages.indexOf(own) !== -1 ? [languages[0], own] : [languages[0]];
}, { once: true });
