namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>
/// The <c>crm</c> helper object scripts see (documented in docs/rules.md). Written in JavaScript and run once per pooled
/// engine, so helpers cost no CLR interop and cannot reach .NET.
/// </summary>
internal static class CrmHelperLibrary
{
    public const string Source = """
        "use strict";
        var crm = (function () {
          const DAY = 86400000;
          function toDate(value) {
            if (value === null || value === undefined) return null;
            if (value instanceof Date) return value;
            if (typeof value === 'string' || typeof value === 'number') {
              const d = new Date(value);
              return isNaN(d.getTime()) ? null : d;
            }
            return null;
          }
          function utcDay(d) { return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); }
          function addMonthsClamped(d, months) {
            const y = d.getUTCFullYear(), m = d.getUTCMonth() + months, day = d.getUTCDate();
            const target = new Date(Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
            const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
            target.setUTCDate(Math.min(day, last));
            return target;
          }
          function str(value) { return value === null || value === undefined ? '' : String(value); }
          function lowerTr(value) {
            return str(value).replace(/I/g, '\u0131').replace(/\u0130/g, 'i').toLowerCase();
          }
          function upperTr(value) {
            return str(value).replace(/i/g, '\u0130').replace(/\u0131/g, 'I').toUpperCase();
          }
          const plain = { '\u0131': 'i', '\u015f': 's', '\u011f': 'g', '\u00fc': 'u', '\u00f6': 'o', '\u00e7': 'c' };
          function fold(value) {
            return str(value).replace(/[I\u0130]/g, 'i').toLowerCase()
              .replace(/[\u0131\u015f\u011f\u00fc\u00f6\u00e7]/g, function (c) { return plain[c]; })
              .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
          }
          const helpers = {
            addDays: function (date, days) { const d = toDate(date); return d === null ? null : new Date(d.getTime() + days * DAY); },
            addMonths: function (date, months) { const d = toDate(date); return d === null ? null : addMonthsClamped(d, months); },
            addYears: function (date, years) { const d = toDate(date); return d === null ? null : addMonthsClamped(d, years * 12); },
            daysBetween: function (from, to) {
              const a = toDate(from), b = toDate(to);
              return a === null || b === null ? null : Math.round((utcDay(b) - utcDay(a)) / DAY);
            },
            startOfDay: function (date) { const d = toDate(date); return d === null ? null : new Date(utcDay(d)); },
            startOfMonth: function (date) { const d = toDate(date); return d === null ? null : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)); },
            age: function (birthDate, on) {
              const b = toDate(birthDate), t = toDate(on === undefined ? now : on);
              if (b === null || t === null) return null;
              let years = t.getUTCFullYear() - b.getUTCFullYear();
              if (t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate())) years--;
              return years;
            },
            formatDate: function (date) { const d = toDate(date); return d === null ? null : d.toISOString().substring(0, 10); },
            lowerTr: lowerTr,
            upperTr: upperTr,
            fold: fold,
            equalsTr: function (a, b) { return fold(a) === fold(b); },
            containsTr: function (text, part) { return fold(text).indexOf(fold(part)) >= 0; },
            capitalizeTr: function (value) {
              return lowerTr(value).replace(/(^|[\s\-'])(\S)/g, function (m, p, c) { return p + upperTr(c); });
            },
            normalizePhone: function (value) {
              let digits = str(value).replace(/[^0-9+]/g, '');
              if (digits.indexOf('+') > 0) digits = digits.replace(/\+/g, '');
              if (digits.startsWith('+')) return digits.length > 4 ? digits : null;
              if (digits.startsWith('00')) return '+' + digits.substring(2);
              if (digits.startsWith('90') && digits.length === 12) return '+' + digits;
              if (digits.startsWith('0') && digits.length === 11) return '+90' + digits.substring(1);
              if (digits.length === 10) return '+90' + digits;
              return digits.length === 0 ? null : digits;
            },
            round: function (value, digits) {
              if (value === null || value === undefined) return null;
              const f = Math.pow(10, digits === undefined ? 0 : digits);
              const n = Number(value) * f;
              return (n < 0 ? -Math.round(-n) : Math.round(n)) / f;
            },
            clamp: function (value, min, max) { return value === null || value === undefined ? null : Math.min(Math.max(value, min), max); },
            coalesce: function () { for (let i = 0; i < arguments.length; i++) if (arguments[i] !== null && arguments[i] !== undefined) return arguments[i]; return null; },
            isBlank: function (value) {
              return value === null || value === undefined || (typeof value === 'string' && value.trim().length === 0) || (Array.isArray(value) && value.length === 0);
            },
            padLeft: function (value, length, ch) { return str(value).padStart(length, ch === undefined ? '0' : ch); },
            padRight: function (value, length, ch) { return str(value).padEnd(length, ch === undefined ? ' ' : ch); },
            trim: function (value) { return str(value).trim().replace(/\s+/g, ' '); },
            left: function (value, n) { return str(value).substring(0, n); },
            right: function (value, n) { const s = str(value); return s.substring(Math.max(0, s.length - n)); },
            has: function (list, value) { return Array.isArray(list) && list.indexOf(value) >= 0; }
          };
          return Object.freeze(helpers);
        })();
        """;
}
