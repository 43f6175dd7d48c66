/// The OpenAPI description of the JSON API, served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Gongkai report library", "version": "2", "description": "Parsed and checked 政府信息公开工作年度报告, the agency register and region roll-ups, and disclosure requests on the Regulation's clock. Reading reports, the deadline calculator and tracking need no account; uploading and cases need a reviewer account (HTTP Basic)." },
          "components": {
            "securitySchemes": { "basic": { "type": "http", "scheme": "basic" } },
            "parameters": {
              "year": { "name": "year", "in": "query", "schema": { "type": "integer" } },
              "regionID": { "name": "id", "in": "path", "required": true, "description": "A region's id; 0 is the whole register", "schema": { "type": "integer" } }
            },
            "schemas": {
              "StoredReport": {
                "type": "object",
                "required": ["id", "name", "format", "errors", "warnings", "notices", "uncertain", "late", "reviewState", "readerVersion"],
                "properties": {
                  "id": { "type": "integer" }, "name": { "type": "string", "description": "The original file's name" },
                  "agency": { "type": "string", "nullable": true, "description": "The agency name as parsed" },
                  "agencyID": { "type": "integer", "nullable": true, "description": "The register agency (null until the name is matched)" },
                  "region": { "type": "string", "nullable": true }, "regionPath": { "type": "string", "nullable": true },
                  "year": { "type": "integer", "nullable": true }, "format": { "type": "string", "enum": ["2019", "2021"] },
                  "errors": { "type": "integer" }, "warnings": { "type": "integer" }, "notices": { "type": "integer" },
                  "uncertain": { "type": "integer" }, "late": { "type": "boolean" },
                  "reviewState": { "type": "string", "enum": ["unreviewed", "needs-correction", "accepted"] },
                  "readerVersion": { "type": "string" }
                }
              },
              "ReportPage": {
                "type": "object", "required": ["total", "offset", "limit", "reports"],
                "properties": {
                  "total": { "type": "integer" }, "offset": { "type": "integer" }, "limit": { "type": "integer" },
                  "reports": { "type": "array", "items": { "$ref": "#/components/schemas/StoredReport" } }
                }
              },
              "FindingReview": {
                "type": "object", "required": ["decision", "comment", "user", "at"],
                "properties": {
                  "decision": { "type": "string", "enum": ["confirmed", "dismissed"] }, "comment": { "type": "string" },
                  "user": { "type": "string" }, "at": { "type": "string", "format": "date-time" }
                }
              },
              "Finding": {
                "type": "object",
                "required": ["seq", "check", "severity", "message", "cells"],
                "properties": {
                  "seq": { "type": "integer" }, "check": { "type": "string" }, "severity": { "type": "string", "enum": ["error", "warning", "notice"] },
                  "message": { "type": "string" }, "cells": { "type": "array", "items": { "type": "string" } },
                  "source": { "type": "string", "nullable": true }, "review": { "$ref": "#/components/schemas/FindingReview" }
                }
              },
              "ReportWithFindings": {
                "type": "object",
                "required": ["report", "findings"],
                "properties": {
                  "report": { "type": "object", "description": "The canonical report JSON: format, year, agency, published, title, proactive, requests, appeals, uncertain, sources, sections" },
                  "findings": { "type": "array", "items": { "$ref": "#/components/schemas/Finding" } }
                }
              },
              "UploadResult": {
                "type": "object", "required": ["name", "status"],
                "properties": {
                  "name": { "type": "string" }, "status": { "type": "string", "enum": ["imported", "duplicate", "failed"] },
                  "id": { "type": "integer" }, "error": { "type": "string", "description": "What was wrong with the file, and where" }
                }
              },
              "ImportJob": {
                "type": "object", "required": ["id", "state", "createdBy", "createdAt", "total", "pending", "imported", "duplicates", "failed"],
                "properties": {
                  "id": { "type": "integer" }, "state": { "type": "string", "enum": ["filling", "queued", "running", "done"] },
                  "createdBy": { "type": "string" }, "createdAt": { "type": "string" }, "finishedAt": { "type": "string" },
                  "error": { "type": "string", "description": "Why the whole job failed (an upload cut off)" },
                  "total": { "type": "integer" }, "pending": { "type": "integer" }, "imported": { "type": "integer" },
                  "duplicates": { "type": "integer" }, "failed": { "type": "integer" }
                }
              },
              "Region": {
                "type": "object", "required": ["id", "name", "level", "parentID", "path"],
                "properties": {
                  "id": { "type": "integer" }, "name": { "type": "string" },
                  "level": { "type": "string", "enum": ["province", "city", "county", "township"] },
                  "parentID": { "type": "integer" }, "path": { "type": "string" }
                }
              },
              "Agency": {
                "type": "object", "required": ["id", "name", "kind", "regionID", "regionPath"],
                "properties": {
                  "id": { "type": "integer" }, "name": { "type": "string" }, "kind": { "type": "string", "enum": ["government", "department"] },
                  "regionID": { "type": "integer" }, "regionPath": { "type": "string" }
                }
              },
              "RegionSummary": {
                "type": "object", "required": ["agencies", "reported", "late", "withErrors"],
                "properties": {
                  "agencies": { "type": "integer" }, "reported": { "type": "integer" }, "late": { "type": "integer" }, "withErrors": { "type": "integer" }
                }
              },
              "Dashboard": {
                "type": "object",
                "properties": {
                  "region": { "$ref": "#/components/schemas/Region" }, "year": { "type": "integer" },
                  "summary": { "$ref": "#/components/schemas/RegionSummary" },
                  "children": { "type": "array", "items": { "type": "object", "properties": { "region": { "$ref": "#/components/schemas/Region" }, "summary": { "$ref": "#/components/schemas/RegionSummary" } } } },
                  "missing": { "type": "array", "items": { "$ref": "#/components/schemas/Agency" } },
                  "reports": { "type": "integer", "description": "Reports summed: one per agency and year" },
                  "totals": { "type": "object", "additionalProperties": { "type": "string" }, "description": "Cell key → exact decimal sum" },
                  "counts": { "type": "object", "additionalProperties": { "type": "integer" }, "description": "Cell key → how many reports had a value there" }
                }
              },
              "Case": {
                "type": "object",
                "properties": {
                  "id": { "type": "integer" }, "trackingCode": { "type": "string" }, "agency": { "type": "string" }, "applicantType": { "type": "string" },
                  "applicantName": { "type": "string" }, "channel": { "type": "string" }, "received": { "type": "string", "format": "date" },
                  "state": { "type": "string", "enum": ["open", "awaiting-correction", "paused", "closed"] }, "due": { "type": "string", "format": "date", "nullable": true },
                  "closedOn": { "type": "string", "nullable": true }, "outcome": { "type": "string", "nullable": true }, "assignedTo": { "type": "string", "nullable": true }
                }
              },
              "Deadline": {
                "type": "object", "required": ["due", "received", "runsFrom", "workingDays", "state", "trace", "history"],
                "properties": {
                  "due": { "type": "string", "format": "date", "nullable": true, "description": "Null while the clock is stopped" },
                  "received": { "type": "string", "format": "date" }, "receiptRule": { "type": "string" }, "runsFrom": { "type": "string", "format": "date" },
                  "workingDays": { "type": "integer" }, "remainingWorkingDays": { "type": "integer" }, "state": { "type": "string" },
                  "provisional": { "type": "boolean", "description": "The count ran into a year with no calendar loaded" },
                  "history": { "type": "array", "items": { "type": "object", "properties": { "event": { "type": "string" }, "date": { "type": "string" }, "due": { "type": "string", "nullable": true } } } },
                  "trace": { "type": "array", "items": { "type": "object", "properties": { "date": { "type": "string" }, "weekday": { "type": "string" }, "day": { "type": "string", "enum": ["working", "make-up", "weekend", "holiday", "uncovered"] }, "holiday": { "type": "string" }, "count": { "type": "integer", "nullable": true }, "note": { "type": "string" }, "events": { "type": "array", "items": { "type": "string" } } } } }
                }
              },
              "TotalPart": {
                "type": "object", "required": ["reportID", "agency"],
                "properties": { "reportID": { "type": "integer" }, "agency": { "type": "string" }, "value": { "type": "string", "nullable": true } }
              }
            }
          },
          "paths": {
            "/api/reports": {
              "get": {
                "summary": "List the stored reports, filtered and paged",
                "parameters": [
                  { "$ref": "#/components/parameters/year" },
                  { "name": "q", "in": "query", "description": "Part of the agency name", "schema": { "type": "string" } },
                  { "name": "agency", "in": "query", "description": "The agency name exactly as parsed", "schema": { "type": "string" } },
                  { "name": "region", "in": "query", "description": "A region id: its reports and those below it", "schema": { "type": "integer" } },
                  { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["2019", "2021"] } },
                  { "name": "kind", "in": "query", "schema": { "type": "string", "enum": ["government", "department"] } },
                  { "name": "errors", "in": "query", "description": "1: only reports with errors", "schema": { "type": "string", "enum": ["1"] } },
                  { "name": "warnings", "in": "query", "description": "1: only reports with warnings", "schema": { "type": "string", "enum": ["1"] } },
                  { "name": "late", "in": "query", "description": "1: only reports published after the deadline", "schema": { "type": "string", "enum": ["1"] } },
                  { "name": "unmatched", "in": "query", "description": "1: only reports whose agency name is not matched to the register", "schema": { "type": "string", "enum": ["1"] } },
                  { "name": "state", "in": "query", "schema": { "type": "string", "enum": ["unreviewed", "needs-correction", "accepted"] } },
                  { "name": "limit", "in": "query", "description": "At most this many (default 1000, up to 10000)", "schema": { "type": "integer" } },
                  { "name": "offset", "in": "query", "schema": { "type": "integer" } }
                ],
                "responses": { "200": { "description": "A page of reports", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ReportPage" } } } } }
              },
              "post": {
                "summary": "Import reports: the file as the body with ?name=, or multipart/form-data with one or more `files` (ZIPs are unpacked)",
                "security": [ { "basic": [] } ],
                "parameters": [ { "name": "name", "in": "query", "description": "The file's name (for a raw body)", "schema": { "type": "string" } } ],
                "requestBody": { "content": { "application/octet-stream": {}, "multipart/form-data": {} } },
                "responses": {
                  "201": { "description": "At least one new report", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/UploadResult" } } } } },
                  "200": { "description": "Nothing new: duplicates or unreadable files, each with its result" },
                  "400": { "description": "No file, or no name for a raw body" },
                  "401": { "description": "No or wrong credentials" },
                  "413": { "description": "Over the upload limit" },
                  "429": { "description": "Too many failed sign-ins: locked for the seconds Retry-After says" }
                }
              }
            },
            "/api/jobs/{id}": {
              "get": {
                "summary": "An import job (every upload is one) and what became of each of its files",
                "security": [ { "basic": [] } ],
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": {
                  "200": { "description": "The job", "content": { "application/json": { "schema": { "type": "object", "properties": { "job": { "$ref": "#/components/schemas/ImportJob" }, "files": { "type": "array", "items": { "$ref": "#/components/schemas/UploadResult" } } } } } } },
                  "401": { "description": "No or wrong credentials" },
                  "404": { "description": "No such job" }
                }
              }
            },
            "/api/reports/{id}": {
              "get": {
                "summary": "One report exactly as `gongkai parse --json` prints it, with its findings and their review",
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": {
                  "200": { "description": "The report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ReportWithFindings" } } } },
                  "404": { "description": "No such report" }
                }
              }
            },
            "/api/regions/{id}": {
              "get": {
                "summary": "A region's dashboard for a year: who has reported, late ones, errors, sub-regions, the summed tables",
                "parameters": [ { "$ref": "#/components/parameters/regionID" }, { "$ref": "#/components/parameters/year" } ],
                "responses": {
                  "200": { "description": "The dashboard", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Dashboard" } } } },
                  "404": { "description": "No such region" }
                }
              }
            },
            "/api/regions/{id}/cells/{key}": {
              "get": {
                "summary": "The agencies' values behind one summed cell, largest first",
                "parameters": [
                  { "$ref": "#/components/parameters/regionID" }, { "$ref": "#/components/parameters/year" },
                  { "name": "key", "in": "path", "required": true, "description": "A canonical cell key", "schema": { "type": "string" } }
                ],
                "responses": { "200": { "description": "The parts", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/TotalPart" } } } } } }
              }
            },
            "/api/agencies": {
              "get": {
                "summary": "The register: every region and agency",
                "responses": { "200": { "description": "The register", "content": { "application/json": { "schema": { "type": "object", "properties": { "regions": { "type": "array", "items": { "$ref": "#/components/schemas/Region" } }, "agencies": { "type": "array", "items": { "$ref": "#/components/schemas/Agency" } } } } } } } }
              }
            },
            "/api/deadline": {
              "get": {
                "summary": "The reply due date of a request on the national working calendar, with its day-by-day trace (public)",
                "parameters": [
                  { "name": "received", "in": "query", "required": true, "description": "YYYY-MM-DD or YYYY-MM-DDTHH:MM", "schema": { "type": "string" } },
                  { "name": "channel", "in": "query", "required": true, "schema": { "type": "string", "enum": ["in-person", "post", "post-unsigned", "online", "fax"] } },
                  { "name": "event", "in": "query", "description": "KIND:DATE[:VALUE], repeated, in date order", "schema": { "type": "array", "items": { "type": "string" } }, "style": "form", "explode": true }
                ],
                "responses": {
                  "200": { "description": "The deadline", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Deadline" } } } },
                  "400": { "description": "A malformed date, channel or event" },
                  "422": { "description": "An event impossible at that point (a second correction request, an extension after the due date …)" }
                }
              }
            },
            "/api/track/{code}": {
              "get": {
                "summary": "A request's status by the applicant's tracking code: events, due date and trace, no personal data (public)",
                "parameters": [ { "name": "code", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "The status" }, "404": { "description": "No such tracking code" } }
              }
            },
            "/api/cases": {
              "get": {
                "summary": "The worklist: cases by due date",
                "security": [ { "basic": [] } ],
                "parameters": [
                  { "name": "filter", "in": "query", "schema": { "type": "string", "enum": ["active", "due-soon", "overdue", "closed", "all"] } },
                  { "name": "agency", "in": "query", "schema": { "type": "string" } },
                  { "name": "limit", "in": "query", "schema": { "type": "integer" } }, { "name": "offset", "in": "query", "schema": { "type": "integer" } }
                ],
                "responses": { "200": { "description": "Cases", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Case" } } } } }, "401": { "description": "No or wrong credentials" } }
              },
              "post": {
                "summary": "File a request received by paper, post, fax, in person or online",
                "security": [ { "basic": [] } ],
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "required": ["agency", "applicantType", "applicantName", "description", "channel", "received"], "properties": { "agency": { "type": "string" }, "applicantType": { "type": "string", "enum": ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"] }, "applicantName": { "type": "string" }, "description": { "type": "string" }, "delivery": { "type": "string" }, "feeWaiver": { "type": "boolean" }, "channel": { "type": "string" }, "received": { "type": "string" }, "personal": { "type": "object" } } } } } },
                "responses": { "201": { "description": "The case", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Case" } } } }, "400": { "description": "Malformed" }, "401": { "description": "No or wrong credentials" }, "422": { "description": "Refused, with the reason" } }
              }
            },
            "/api/cases/table": {
              "get": {
                "summary": "Table 三 of a year counted from the cases, with the case ids behind every cell",
                "security": [ { "basic": [] } ],
                "parameters": [ { "name": "year", "in": "query", "required": true, "schema": { "type": "integer" } }, { "name": "agency", "in": "query", "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "The cells" }, "401": { "description": "No or wrong credentials" } }
              }
            },
            "/api/cases/{id}": {
              "get": {
                "summary": "A case: its events, due date and trace (no personal data)",
                "security": [ { "basic": [] } ],
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": { "200": { "description": "The case" }, "401": { "description": "No or wrong credentials" }, "404": { "description": "No such case" } }
              }
            },
            "/api/cases/{id}/events": {
              "post": {
                "summary": "Record an event, checked against the case's events and the Regulation",
                "security": [ { "basic": [] } ],
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "required": ["event", "date"], "properties": { "event": { "type": "string", "enum": ["correction-requested", "correction-received", "correction-overdue", "consultation-sent", "consultation-answered", "extension", "fee-notice-sent", "fee-paid", "fee-not-paid", "replied", "withdrawn"] }, "date": { "type": "string" }, "value": { "type": "string", "description": "The extension's working days, the fee in yuan, the consulted party, the correction's deadline or the reply kind" }, "approvedBy": { "type": "string" }, "note": { "type": "string" } } } } } },
                "responses": { "200": { "description": "The case after the event" }, "400": { "description": "Malformed" }, "401": { "description": "No or wrong credentials" }, "404": { "description": "No such case" }, "422": { "description": "The event cannot happen now, with the reason" } }
              }
            },
            "/export.csv": { "get": { "summary": "Every cell of the reports a filter selects (the /api/reports filters), one row per cell, UTF-8 with BOM", "responses": { "200": { "description": "CSV" } } } },
            "/export.xlsx": { "get": { "summary": "The same as an Excel workbook", "responses": { "200": { "description": "XLSX" } } } },
            "/healthz": { "get": { "summary": "200 while the database answers, 503 when it does not", "responses": { "200": { "description": "Healthy" }, "503": { "description": "The database does not answer" } } } },
            "/metrics": { "get": { "summary": "Prometheus metrics: requests and latencies by route, import jobs and files, sign-in failures, reports", "responses": { "200": { "description": "Prometheus text format" } } } }
          }
        }
        """
}
