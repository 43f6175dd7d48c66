/// The rows and columns of the statutory tables, as the notices print them. Every other part of
/// Gongkai reads labels, keys and row lists from here.
enum StatutoryRows {
    // MARK: Table 二, 2019 format

    static let madePublishedTotal = [
        ColumnDefinition(.made, "本年新制作数量", noteWords: ["制作"]),
        ColumnDefinition(.published, "本年新公开数量", noteWords: ["公开"]),
        ColumnDefinition(.total, "对外公开总数量", noteWords: ["总数"]),
    ]
    static let priorChangeDecisions = [
        ColumnDefinition(.priorItems, "上一年项目数量"),
        ColumnDefinition(.change, "本年增/减"),
        ColumnDefinition(.decisions, "处理决定数量"),
    ]

    static let proactive2019: [RowDefinition] = [
        RowDefinition(.rules, "规章", match: ["规章"], columns: madePublishedTotal, group: "第二十条第（一）项"),
        RowDefinition(
            .normativeDocuments, "规范性文件", match: ["规范性文件"], columns: madePublishedTotal,
            group: "第二十条第（一）项"),
        RowDefinition(
            .licensing, "行政许可", match: ["行政许可"], columns: priorChangeDecisions,
            group: "第二十条第（五）项"),
        RowDefinition(
            .otherServices, "其他对外管理服务事项", match: ["其他对外管理服务事项"],
            columns: priorChangeDecisions, group: "第二十条第（五）项"),
        RowDefinition(
            .penalties, "行政处罚", match: ["行政处罚"], columns: priorChangeDecisions,
            group: "第二十条第（六）项"),
        RowDefinition(
            .coerciveMeasures, "行政强制", match: ["行政强制"], columns: priorChangeDecisions,
            group: "第二十条第（六）项"),
        RowDefinition(
            .fees, "行政事业性收费", match: ["行政事业性收费"],
            columns: Array(priorChangeDecisions.prefix(2)), group: "第二十条第（八）项"),
        RowDefinition(
            .procurement, "政府集中采购", match: ["政府集中采购"],
            columns: [
                ColumnDefinition(.projects, "采购项目数量"),
                ColumnDefinition(.amountWanYuan, "采购总金额"),
            ], group: "第二十条第（九）项"),
    ]

    // MARK: Table 二, 2021 format

    static let issuedRepealedInForce = [
        ColumnDefinition(.issued, "本年制发件数", noteWords: ["制发", "修订", "新制定"]),
        ColumnDefinition(.repealed, "本年废止件数", noteWords: ["废止", "失效"]),
        ColumnDefinition(.inForce, "现行有效件数", noteWords: ["现行有效", "累计"]),
    ]
    static let decisions = [ColumnDefinition(.decisions, "本年处理决定数量")]

    static let proactive2021: [RowDefinition] = [
        RowDefinition(.rules, "规章", match: ["规章"], columns: issuedRepealedInForce, group: "第二十条第（一）项"),
        RowDefinition(
            .normativeDocuments, "行政规范性文件", match: ["行政规范性文件"], variants: ["规范性文件"],
            columns: issuedRepealedInForce, group: "第二十条第（一）项"),
        RowDefinition(.licensing, "行政许可", match: ["行政许可"], columns: decisions, group: "第二十条第（五）项"),
        RowDefinition(.penalties, "行政处罚", match: ["行政处罚"], columns: decisions, group: "第二十条第（六）项"),
        RowDefinition(
            .coerciveMeasures, "行政强制", match: ["行政强制"], columns: decisions,
            group: "第二十条第（六）项"),
        RowDefinition(
            .fees, "行政事业性收费", match: ["行政事业性收费"],
            columns: [ColumnDefinition(.amountWanYuan, "本年收费金额（单位：万元）")], group: "第二十条第（八）项"),
    ]

    // MARK: Table 三 (both formats)

    static let applicants = [
        ColumnDefinition(.naturalPerson, "自然人"),
        ColumnDefinition(.commercial, "商业企业"),
        ColumnDefinition(.research, "科研机构"),
        ColumnDefinition(.socialWelfare, "社会公益组织"),
        ColumnDefinition(.legalServices, "法律服务机构"),
        ColumnDefinition(.otherOrganisation, "其他"),
        ColumnDefinition(.total, "总计"),
    ]

    private static func request(
        _ key: RowKey, _ label: String, match: String..., variants: [String] = [], group: String? = nil,
        leaf: Bool = true
    ) -> RowDefinition {
        RowDefinition(
            key, label, match: match, variants: variants, columns: applicants, group: group,
            isOutcomeLeaf: leaf)
    }

    static let requestsHead: [RowDefinition] = [
        request(
            .newRequests, "一、本年新收政府信息公开申请数量", match: "本年新收政府信息公开申请数量",
            variants: ["本年新收到政府信息公开申请数量"], leaf: false),
        request(
            .carriedIn, "二、上年结转政府信息公开申请数量", match: "上年结转政府信息公开申请数量",
            variants: ["上年结转政府信息公开数量"], leaf: false),
        request(.granted, "（一）予以公开", match: "予以公开"),
        request(
            .partlyGranted, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", match: "部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开",
            variants: ["部分公开(区分处理的,只计这一情况,不计其他情况)", "部分公开(区分处理的,只计这一情况,不计其他情形)"]),
        request(.withheldStateSecret, "1.属于国家秘密", match: "属于国家秘密", group: "（三）不予公开"),
        request(.withheldProhibitedByLaw, "2.其他法律行政法规禁止公开", match: "其他法律行政法规禁止公开", group: "（三）不予公开"),
        request(
            .withheldThreeSafeties, "3.危及“三安全一稳定”", match: "危及“三安全一稳定”",
            variants: ["危机“三安全一稳定”", "危及\"三安全一稳定\"", "危及三安全一稳定"], group: "（三）不予公开"),
        request(.withheldThirdParty, "4.保护第三方合法权益", match: "保护第三方合法权益", group: "（三）不予公开"),
        request(
            .withheldInternalAffairs, "5.属于三类内部事务信息", match: "属于三类内部事务信息", variants: ["属于三类内容事务信息"],
            group: "（三）不予公开"),
        request(.withheldProcessInformation, "6.属于四类过程性信息", match: "属于四类过程性信息", group: "（三）不予公开"),
        request(
            .withheldEnforcementFiles, "7.属于行政执法案卷", match: "属于行政执法案卷", variants: ["属于行政法案卷"],
            group: "（三）不予公开"),
        request(.withheldInquiryMatters, "8.属于行政查询事项", match: "属于行政查询事项", group: "（三）不予公开"),
        request(.unableNotHeld, "1.本机关不掌握相关政府信息", match: "本机关不掌握相关政府信息", group: "（四）无法提供"),
        request(
            .unableNeedsCreation, "2.没有现成信息需要另行制作", match: "没有现成信息需要另行制作", variants: ["没有现成信息需另行制作"],
            group: "（四）无法提供"),
        request(.unableUnclearAfterCorrection, "3.补正后申请内容仍不明确", match: "补正后申请内容仍不明确", group: "（四）无法提供"),
        request(.notProcessedComplaint, "1.信访举报投诉类申请", match: "信访举报投诉类申请", group: "（五）不予处理"),
        request(.notProcessedRepeated, "2.重复申请", match: "重复申请", group: "（五）不予处理"),
        request(.notProcessedPublication, "3.要求提供公开出版物", match: "要求提供公开出版物", group: "（五）不予处理"),
        request(.notProcessedExcessive, "4.无正当理由大量反复申请", match: "无正当理由大量反复申请", group: "（五）不予处理"),
        request(
            .notProcessedConfirmation, "5.要求行政机关确认或重新出具已获取信息", match: "要求行政机关确认或重新出具已获取信息",
            group: "（五）不予处理"),
    ]

    static let singleOther = request(.otherOutcome, "（六）其他处理", match: "(六)其他处理")

    static let otherSubRows: [RowDefinition] = [
        request(
            .otherNoCorrection, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            match: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", group: "（六）其他处理"),
        request(
            .otherUnpaidFee, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            match: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", group: "（六）其他处理"),
        // `其他 3.`: a converter that puts a cell's numbering after its words.
        request(.otherOther, "3.其他", match: "3.其他", "其他3.", group: "（六）其他处理"),
    ]

    static let requestsTail: [RowDefinition] = [
        request(.requestsTotal, "（七）总计", match: "(七)总计", leaf: false),
        request(.carriedOver, "四、结转下年度继续办理", match: "结转下年度继续办理", leaf: false),
    ]

    // MARK: Table 四 (both formats): one printed row, three blocks of five.

    static let appealColumns = [
        ColumnDefinition(.upheld, "结果维持"),
        ColumnDefinition(.corrected, "结果纠正"),
        ColumnDefinition(.otherResult, "其他结果"),
        ColumnDefinition(.pending, "尚未审结"),
        ColumnDefinition(.total, "总计"),
    ]

    static let appeals: [RowDefinition] = [
        RowDefinition(.review, "行政复议", match: ["行政复议"], columns: appealColumns),
        RowDefinition(.litigationDirect, "行政诉讼·未经复议直接起诉", match: ["未经复议直接起诉"], columns: appealColumns),
        RowDefinition(.litigationAfterReview, "行政诉讼·复议后起诉", match: ["复议后起诉"], columns: appealColumns),
    ]
}
