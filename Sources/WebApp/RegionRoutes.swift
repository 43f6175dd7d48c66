import AnnualReport
import Foundation
import Hummingbird
import Store

/// The region dashboard, its drill-down, and the same data in the API.
enum RegionRoutes {
    static func collection(store: ReportStore) -> RouteCollection<AppContext> {
        let router = RouteCollection(context: AppContext.self)
        router.get("/regions/:id") { request, context -> Response in
            let dashboard = try await Dashboard.load(request, context, store)
            let view = try await DashboardView.load(dashboard, store: store, missingLimit: 200)
            return WebApp.html(RegionPages.dashboard(view, session: context.session))
        }
        router.get("/regions/:id/cells/:key") { request, context -> Response in
            let view = try await Dashboard.load(request, context, store)
            let key = try context.parameters.require("key")
            let format = ReportFormat.layout(FormatVersion.required(forYear: view.year))
            guard let index = format.index(of: key) else { throw HTTPError(.notFound, message: "\(view.year) 年度格式没有单元格 \(key)") }
            let totals = try await store.totals(of: view.region, year: view.year)
            return WebApp.html(
                RegionPages.parts(
                    region: view.region, year: view.year, key: key, label: format.label(ofCell: index), total: totals.values[key],
                    parts: try await store.totalParts(of: view.region, year: view.year, key: key),
                    session: context.session))
        }
        router.get("/api/regions/:id") { request, context -> Response in
            let dashboard = try await Dashboard.load(request, context, store)
            return try WebApp.encoded(try await DashboardView.load(dashboard, store: store, missingLimit: 10_000).json)
        }
        router.get("/api/regions/:id/cells/:key") { request, context -> Response in
            let view = try await Dashboard.load(request, context, store)
            let key = try context.parameters.require("key")
            return try WebApp.encoded(try await store.totalParts(of: view.region, year: view.year, key: key))
        }
        router.get("/api/agencies") { _, _ -> Response in
            try WebApp.encoded(APIRegister(regions: try await store.allRegions(), agencies: try await store.agencies(under: nil)))
        }
        return router
    }

    /// The region (nil for id 0: the whole register) and year a dashboard request asks for; the
    /// year defaults to the newest with reports.
    struct Dashboard {
        let region: Region?
        let year: Int
        let years: [Int]

        static func load(_ request: Request, _ context: AppContext, _ store: ReportStore) async throws -> Dashboard {
            let id = try QueryNumber.id(context)
            var region: Region?
            if id != 0 {
                guard let r = try await store.region(id: id) else { throw HTTPError(.notFound, message: "没有地区 \(id)") }
                region = r
            }
            let years = try await store.years()
            let year =
                try QueryNumber.get(request, "year", in: QueryNumber.years) ?? years.first ?? Calendar.current.component(
                    .year, from: Date()) - 1
            return Dashboard(region: region, year: year, years: years)
        }
    }

    struct APIRegister: Encodable {
        let regions: [Region]
        let agencies: [Agency]
    }
}
