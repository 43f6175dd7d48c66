/// The OpenAPI description of the JSON API, served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Gongkai report library", "version": "1", "description": "Parsed and checked 政府信息公开工作年度报告." },
          "paths": {
            "/api/reports": {
              "get": {
                "summary": "List the stored reports",
                "parameters": [
                  { "name": "year", "in": "query", "schema": { "type": "integer" } },
                  { "name": "agency", "in": "query", "schema": { "type": "string" } },
                  { "name": "errors", "in": "query", "description": "1: only reports with errors", "schema": { "type": "string", "enum": ["1"] } }
                ],
                "responses": { "200": { "description": "The reports", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/StoredReport" } } } } } }
              }
            },
            "/api/reports/{id}": {
              "get": {
                "summary": "One report exactly as `gongkai parse --json` prints it, with its findings",
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": {
                  "200": { "description": "The report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ReportWithFindings" } } } },
                  "404": { "description": "No such report" }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "StoredReport": {
                "type": "object",
                "required": ["id", "name", "format", "errors", "warnings", "notices", "uncertain", "reviewState", "readerVersion"],
                "properties": {
                  "id": { "type": "integer" }, "name": { "type": "string" }, "agency": { "type": "string", "nullable": true },
                  "year": { "type": "integer", "nullable": true }, "format": { "type": "string", "enum": ["2019", "2021"] },
                  "errors": { "type": "integer" }, "warnings": { "type": "integer" }, "notices": { "type": "integer" },
                  "uncertain": { "type": "integer" }, "reviewState": { "type": "string", "enum": ["unreviewed", "needs-correction", "accepted"] },
                  "readerVersion": { "type": "string" }
                }
              },
              "Finding": {
                "type": "object",
                "required": ["check", "severity", "message", "cells"],
                "properties": {
                  "check": { "type": "string" }, "severity": { "type": "string", "enum": ["error", "warning", "notice"] },
                  "message": { "type": "string" }, "cells": { "type": "array", "items": { "type": "string" } },
                  "source": { "type": "string", "nullable": true }
                }
              },
              "ReportWithFindings": {
                "type": "object",
                "required": ["report", "findings"],
                "properties": {
                  "report": { "type": "object", "description": "The canonical report JSON: format, year, agency, published, title, proactive, requests, appeals, uncertain, sources, sections" },
                  "findings": { "type": "array", "items": { "$ref": "#/components/schemas/Finding" } }
                }
              }
            }
          }
        }
        """
}
