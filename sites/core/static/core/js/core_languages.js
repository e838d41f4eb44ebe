// A space's editor translating the network core: the admin's language picker (wagtail-modeltranslation)
// opens on the editor's own languages rather than the network's default (French and English). The
// French source is shown above each of their fields, so they need not open it. Every language stays
// in the picker, to read.
document.addEventListener("wagtail-modeltranslation:buildSets:done", function () {
  "use strict";
  var marker = document.querySelector("[data-core-languages]");
  if (!marker || typeof wagtailModelTranslations === "undefined") {
    return;
  }
  wagtailModelTranslations.locale_picker_default = marker.getAttribute("data-core-languages").split(",");
  // The picker would otherwise restore the languages last shown on any form.
  wagtailModelTranslations.locale_picker_restore = false;
}, { once: true });
