// The "Open a space" wizard's pickers, on top of a form that works without this script:
// - languages: the up and down buttons move a row on the page instead of sending the form;
//   the first ticked language is marked as the default, and each move is announced;
// - the site's address is previewed as the hostname and port are typed;
// - the chosen country proposes its time zones (buttons, and first in the searchable list), and
//   fills in its only zone, or the one named after the city.
// The server checks everything again: this only helps to fill the form in.
(function () {
  "use strict";

  // The server's rule (playbook/opening.py, HOSTNAME).
  var HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key];
    });
  }

  // As playbook/pickers.py's match_key: accents and case aside.
  function matchKey(text) {
    return text.trim().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function languageOrder(list) {
    var status = document.createElement("p");
    status.className = "socle-visually-hidden";
    status.setAttribute("aria-live", "polite");
    list.after(status);

    function rows() {
      return Array.prototype.slice.call(list.querySelectorAll(".socle-language-order__row"));
    }

    function refresh() {
      var all = rows();
      var first = all.find(function (row) {
        return row.querySelector("input[type=checkbox]").checked;
      });
      all.forEach(function (row, index) {
        row.querySelector(".socle-language-order__default").hidden = row !== first;
        row.querySelector("button[value$=':up']").disabled = index === 0;
        row.querySelector("button[value$=':down']").disabled = index === all.length - 1;
      });
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=move]");
      if (!button) {
        return;
      }
      event.preventDefault();
      var row = button.closest(".socle-language-order__row");
      var up = button.value.slice(-3) === ":up";
      var sibling = up ? row.previousElementSibling : row.nextElementSibling;
      if (!sibling) {
        return;
      }
      list.insertBefore(row, up ? sibling : sibling.nextElementSibling);
      refresh();
      // Keep the keyboard on the row that moved, on the other button once this one is disabled.
      (button.disabled ? row.querySelector("button[name=move]:not([disabled])") : button).focus();
      var all = rows();
      status.textContent = format(list.dataset.moved, {
        language: row.querySelector(".socle-language-order__name").textContent,
        position: all.indexOf(row) + 1,
        count: all.length,
      });
    });
    list.addEventListener("change", refresh);
    refresh();
  }

  function addressPreview(output) {
    var hostname = document.getElementById("id_hostname");
    var port = document.getElementById("id_port");

    function update() {
      var host = hostname.value.trim().toLowerCase();
      var number = port.value.trim() === "" ? Number(output.dataset.servedPort) : Number(port.value.trim());
      var valid = HOSTNAME.test(host) && Number.isInteger(number) && number >= 1 && number <= 65535;
      if (!valid) {
        output.textContent = output.dataset.empty;
      } else if (number === 443) {
        output.textContent = "https://" + host + "/";
      } else {
        output.textContent = "http://" + host + (number === 80 ? "" : ":" + number) + "/";
      }
    }

    hostname.addEventListener("input", update);
    port.addEventListener("input", update);
    update();
  }

  function zonePicker(country, city, zone, proposals, datalist, zonesByCountry) {
    var proposed = ""; // the zone this script filled in, replaced as long as nobody typed over it

    function zonesOf(code) {
      return zonesByCountry[code] || [];
    }

    function mainZone(code) {
      var zones = zonesOf(code);
      if (zones.length === 1) {
        return zones[0][0];
      }
      var typed = matchKey(city.value);
      var named = zones.find(function (entry) {
        return typed && entry[2].indexOf(typed) !== -1;
      });
      return named ? named[0] : "";
    }

    function propose() {
      var code = country.value;
      var zones = zonesOf(code);
      proposals.replaceChildren();
      if (code) {
        var title = document.createElement("p");
        title.textContent = zones.length
          ? format(proposals.dataset.title, { country: country.selectedOptions[0].textContent })
          : proposals.dataset.none;
        proposals.append(title);
      }
      zones.forEach(function (entry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.dataset.zone = entry[0];
        button.textContent = entry[1] + " (" + entry[0] + ")";
        button.setAttribute("aria-pressed", String(zone.value === entry[0]));
        proposals.append(button);
      });
      // The country's zones first in the searchable list.
      var own = zones.map(function (entry) {
        return entry[0];
      });
      var options = Array.prototype.slice.call(datalist.options);
      options.sort(function (a, b) {
        return (own.indexOf(b.value) !== -1) - (own.indexOf(a.value) !== -1);
      });
      datalist.replaceChildren.apply(datalist, options);
    }

    function fill() {
      if (zone.value.trim() === "" || zone.value === proposed) {
        proposed = mainZone(country.value);
        zone.value = proposed;
      }
      propose();
    }

    proposals.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zone]");
      if (button) {
        zone.value = proposed = button.dataset.zone;
        propose();
        zone.focus();
      }
    });
    country.addEventListener("change", fill);
    city.addEventListener("input", fill);
    zone.addEventListener("input", propose);
    fill(); // a form sent back with a country and no zone yet
  }

  function start() {
    var list = document.querySelector(".socle-language-order");
    if (list) {
      languageOrder(list);
    }
    var output = document.getElementById("site-address");
    if (output) {
      addressPreview(output);
    }
    var data = document.getElementById("socle-country-zones");
    var country = document.getElementById("id_country");
    if (data && country) {
      zonePicker(
        country,
        document.getElementById("id_city"),
        document.getElementById("id_time_zone"),
        document.getElementById("zone-proposals"),
        document.getElementById("time-zones"),
        JSON.parse(data.textContent)
      );
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
