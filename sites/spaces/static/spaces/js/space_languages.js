// The admin's language picker (wagtail-modeltranslation) offers every network language by default.
// On a space's page, offer only the languages of that space, its default one shown first.
// The picker announces when it has sorted the fields by language, just before it draws its
// buttons from the global settings: that is the moment to narrow them.
document.addEventListener("wagtail-modeltranslation:buildSets:done", function () {
  "use strict";
  var marker = document.querySelector("[data-space-languages]");
  if (!marker || typeof wagtailModelTranslations === "undefined") {
    return;
  }
  var languages = marker.getAttribute("data-space-languages").split(",");
  wagtailModelTranslations.languages = languages;
  wagtailModelTranslations.defaultLanguage = languages[0];
  wagtailModelTranslations.locale_picker_default = [languages[0]];
}, { once: true });
