WITH "t8" AS (
  SELECT
    "t1"."patient_id",
    "t1"."day"
  FROM "transfusions" AS "t1"
  WHERE
    "t1"."product" = 'platelets'
), "t22" AS (
  SELECT
    "t9"."patient_id",
    MIN("t9"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t1"."patient_id",
      "t1"."day"
    FROM "transfusions" AS "t1"
    WHERE
      "t1"."product" = 'platelets' AND "t1"."day" >= 0
  ) AS "t9"
  GROUP BY
    1
), "t37" AS (
  SELECT
    "t29"."patient_id",
    "t29"."day",
    COALESCE(
      "t29"."anc",
      CAST((
        "t29"."wbc" * (
          "t29"."seg" + COALESCE("t29"."bands", 0.0)
        )
      ) AS DOUBLE PRECISION) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t11"."patient_id",
      "t11"."day",
      MIN(CASE WHEN "t11"."qualifier" = '<' THEN 0.0 ELSE "t11"."value" END) FILTER(WHERE
        "t11"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t11"."qualifier" = '<' THEN 0.0 ELSE "t11"."value" END) FILTER(WHERE
        "t11"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t11"."qualifier" = '<' THEN 0.0 ELSE "t11"."value" END) FILTER(WHERE
        "t11"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t11"."qualifier" = '<' THEN 0.0 ELSE "t11"."value" END) FILTER(WHERE
        "t11"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t2"
      WHERE
        "t2"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t2"."day" >= 0
    ) AS "t11"
    GROUP BY
      1,
      2
  ) AS "t29"
), "t43" AS (
  SELECT
    "t35"."patient_id",
    "t35"."day",
    "t35"."value",
    "t35"."platelet_engraftment_meets",
    "t35"."platelet50_engraftment_meets",
    "t35"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t35"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t35"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t35"."day", 1) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t35"."day", 2) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t35"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t35"."patient_id"
      ORDER BY "t35"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t35"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t35"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t35"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t35"."patient_id"
        ORDER BY "t35"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t35"."day", 1) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t35"."day", 2) OVER (
          PARTITION BY "t35"."patient_id"
          ORDER BY "t35"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t35"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t35"."patient_id"
      ORDER BY "t35"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t30"."patient_id",
      "t30"."day",
      "t30"."value",
      "t30"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t30"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM (
      SELECT
        "t12"."patient_id",
        "t12"."day",
        MIN(CASE WHEN "t12"."qualifier" = '<' THEN 0.0 ELSE "t12"."value" END) AS "value"
      FROM (
        SELECT
          *
        FROM "labs" AS "t2"
        WHERE
          "t2"."analyte" = 'plt' AND "t2"."day" >= 0
      ) AS "t12"
      GROUP BY
        1,
        2
    ) AS "t30"
  ) AS "t35"
), "t51" AS (
  SELECT
    "t45"."patient_id",
    BOOL_OR(NOT (
      "t45"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t45"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t43" AS "t45"
  GROUP BY
    1
), "t87" AS (
  SELECT
    "t86"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t86"."n_fell"
        ) THEN 0 ELSE "t86"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t86"."p_fell"
        ) THEN 0 ELSE "t86"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t86"."n_fell"
        ) THEN 0 ELSE "t86"."n_day" END,
        CASE WHEN NOT (
          "t86"."p_fell"
        ) THEN 0 ELSE "t86"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t86"."n_fell"
    ) THEN 0 ELSE "t86"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t86"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t85"."patient_id",
      "t85"."n_day",
      "t85"."n_fell",
      "t85"."p_day",
      "t85"."p_fell"
    FROM (
      SELECT
        "t77"."patient_id",
        "t77"."n_day",
        "t77"."n_fell",
        "t84"."patient_id" AS "patient_id_right",
        "t84"."p_day",
        "t84"."p_fell"
      FROM (
        SELECT
          "t72"."patient_id",
          "t72"."n_day",
          "t72"."n_fell"
        FROM (
          SELECT
            "t63"."patient_id",
            "t69"."patient_id" AS "patient_id_right",
            "t69"."n_day",
            "t69"."n_fell"
          FROM (
            SELECT
              "t58"."patient_id"
            FROM (
              SELECT
                "t54"."patient_id",
                "t54"."arm",
                "t54"."modality",
                "t54"."graft_source",
                "t54"."second_infusion_day",
                "t54"."treatment_start_day",
                "t54"."weight_kg",
                "t54"."randomisation_day",
                "t54"."death_day",
                "t54"."death_cause",
                "t54"."censor_day",
                "t54"."relapse_recorded_day",
                "t54"."last_lab_day"
              FROM (
                SELECT
                  "t49"."patient_id",
                  "t49"."arm",
                  "t49"."modality",
                  "t49"."graft_source",
                  "t49"."second_infusion_day",
                  "t49"."treatment_start_day",
                  "t49"."weight_kg",
                  "t49"."randomisation_day",
                  "t49"."death_day",
                  "t49"."death_cause",
                  "t49"."censor_day",
                  "t49"."relapse_recorded_day",
                  "t17"."patient_id" AS "patient_id_right",
                  "t17"."last_lab_day"
                FROM (
                  SELECT
                    "t46"."patient_id",
                    "t46"."arm",
                    "t46"."modality",
                    "t46"."graft_source",
                    "t46"."second_infusion_day",
                    "t46"."treatment_start_day",
                    "t46"."weight_kg",
                    "t46"."randomisation_day",
                    "t46"."death_day",
                    "t46"."death_cause",
                    "t46"."censor_day",
                    "t46"."relapse_recorded_day"
                  FROM (
                    SELECT
                      "t40"."patient_id",
                      "t40"."arm",
                      "t40"."modality",
                      "t40"."graft_source",
                      "t40"."second_infusion_day",
                      "t40"."treatment_start_day",
                      "t40"."weight_kg",
                      "t40"."randomisation_day",
                      "t40"."death_day",
                      "t40"."death_cause",
                      "t40"."censor_day",
                      "t27"."patient_id" AS "patient_id_right",
                      "t27"."relapse_recorded_day"
                    FROM (
                      SELECT
                        "t36"."patient_id",
                        "t36"."arm",
                        "t36"."modality",
                        "t36"."graft_source",
                        "t36"."second_infusion_day",
                        "t36"."treatment_start_day",
                        "t36"."weight_kg",
                        "t36"."randomisation_day",
                        "t36"."death_day",
                        "t36"."death_cause",
                        "t36"."censor_day"
                      FROM (
                        SELECT
                          "t34"."patient_id",
                          "t34"."arm",
                          "t34"."modality",
                          "t34"."graft_source",
                          "t34"."second_infusion_day",
                          "t34"."treatment_start_day",
                          "t34"."weight_kg",
                          "t34"."randomisation_day",
                          "t26"."patient_id" AS "patient_id_right",
                          "t26"."death_day",
                          "t26"."death_cause",
                          "t26"."censor_day"
                        FROM (
                          SELECT
                            "t31"."patient_id",
                            "t31"."arm",
                            "t31"."modality",
                            "t31"."graft_source",
                            "t31"."second_infusion_day",
                            "t31"."treatment_start_day",
                            "t31"."weight_kg",
                            "t31"."randomisation_day"
                          FROM (
                            SELECT
                              "t18"."patient_id",
                              "t18"."arm",
                              "t18"."modality",
                              "t18"."graft_source",
                              "t18"."second_infusion_day",
                              "t18"."treatment_start_day",
                              "t19"."patient_id" AS "patient_id_right",
                              "t19"."weight_kg",
                              "t19"."randomisation_day"
                            FROM (
                              SELECT
                                "t4"."patient_id",
                                COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                "t4"."modality",
                                "t4"."graft_source",
                                CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                CAST("t4"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                              FROM "treatments" AS "t4"
                            ) AS "t18"
                            LEFT OUTER JOIN (
                              SELECT
                                "t5"."patient_id",
                                "t5"."weight_kg",
                                CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                              FROM "patients" AS "t5"
                            ) AS "t19"
                              ON "t18"."patient_id" = "t19"."patient_id"
                          ) AS "t31"
                        ) AS "t34"
                        LEFT OUTER JOIN (
                          SELECT
                            "t3"."patient_id",
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END AS "death_day",
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN "t3"."cause"
                              ELSE CAST(NULL AS VARCHAR)
                            END AS "death_cause",
                            GREATEST(
                              "t3"."last_contact_day",
                              COALESCE(
                                CASE
                                  WHEN "t3"."vital_status" = 'dead'
                                  THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END,
                                "t3"."last_contact_day"
                              )
                            ) AS "censor_day"
                          FROM "followup" AS "t3"
                        ) AS "t26"
                          ON "t34"."patient_id" = "t26"."patient_id"
                      ) AS "t36"
                    ) AS "t40"
                    LEFT OUTER JOIN (
                      SELECT
                        "t7"."patient_id",
                        CAST(MIN("t7"."day") AS BIGINT) AS "relapse_recorded_day"
                      FROM (
                        SELECT
                          *
                        FROM "disease_assessments" AS "t0"
                        WHERE
                          "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                      ) AS "t7"
                      GROUP BY
                        1
                    ) AS "t27"
                      ON "t40"."patient_id" = "t27"."patient_id"
                  ) AS "t46"
                ) AS "t49"
                LEFT OUTER JOIN (
                  SELECT
                    "t2"."patient_id",
                    MAX("t2"."day") AS "last_lab_day"
                  FROM "labs" AS "t2"
                  GROUP BY
                    1
                ) AS "t17"
                  ON "t49"."patient_id" = "t17"."patient_id"
              ) AS "t54"
            ) AS "t58"
          ) AS "t63"
          LEFT OUTER JOIN (
            SELECT
              "t64"."patient_id",
              "t64"."day" AS "n_day",
              "t64"."applicable" AS "n_fell"
            FROM (
              SELECT
                "t55"."patient_id",
                CAST(MIN("t55"."day") FILTER(WHERE
                  "t55"."run_start" AND "t55"."failed_before") AS BIGINT) AS "day",
                BOOL_OR(NOT (
                  "t55"."meets"
                )) AS "applicable"
              FROM (
                SELECT
                  "t42"."patient_id",
                  "t42"."day",
                  "t42"."value",
                  "t42"."meets",
                  "t42"."meets"
                  AND COALESCE(
                    LEAD("t42"."meets", 1) OVER (
                      PARTITION BY "t42"."patient_id"
                      ORDER BY "t42"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ),
                    FALSE
                  )
                  AND COALESCE(
                    LEAD("t42"."meets", 2) OVER (
                      PARTITION BY "t42"."patient_id"
                      ORDER BY "t42"."day" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ),
                    FALSE
                  )
                  AND (
                    TRUE
                    AND (
                      LEAD("t42"."day", 1) OVER (
                        PARTITION BY "t42"."patient_id"
                        ORDER BY "t42"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) IS NOT NULL
                    )
                    AND (
                      LEAD("t42"."day", 2) OVER (
                        PARTITION BY "t42"."patient_id"
                        ORDER BY "t42"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) IS NOT NULL
                    )
                  ) AS "run_start",
                  SUM(CASE WHEN "t42"."meets" THEN 0 ELSE 1 END) OVER (
                    PARTITION BY "t42"."patient_id"
                    ORDER BY "t42"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                  ) > 0 AS "failed_before"
                FROM (
                  SELECT
                    "t39"."patient_id",
                    "t39"."day",
                    "t39"."value",
                    "t39"."value" >= 0.5 AS "meets"
                  FROM "t37" AS "t39"
                  WHERE
                    "t39"."value" IS NOT NULL
                ) AS "t42"
              ) AS "t55"
              GROUP BY
                1
            ) AS "t64"
          ) AS "t69"
            ON "t63"."patient_id" = "t69"."patient_id"
        ) AS "t72"
      ) AS "t77"
      LEFT OUTER JOIN (
        SELECT
          "t82"."patient_id",
          "t82"."day" AS "p_day",
          COALESCE("t82"."platelet_engraftment_fell", FALSE)
          OR (
            "t82"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t81"."patient_id",
            "t81"."platelet_engraftment_fell",
            "t81"."platelet50_engraftment_fell",
            "t81"."first_transfusion_day",
            "t81"."day"
          FROM (
            SELECT
              "t78"."patient_id",
              "t78"."platelet_engraftment_fell",
              "t78"."platelet50_engraftment_fell",
              "t78"."first_transfusion_day",
              "t80"."patient_id" AS "patient_id_right",
              "t80"."day"
            FROM (
              SELECT
                "t74"."patient_id",
                "t74"."platelet_engraftment_fell",
                "t74"."platelet50_engraftment_fell",
                "t74"."first_transfusion_day"
              FROM (
                SELECT
                  "t71"."patient_id",
                  "t71"."platelet_engraftment_fell",
                  "t71"."platelet50_engraftment_fell",
                  "t28"."patient_id" AS "patient_id_right",
                  "t28"."first_transfusion_day"
                FROM (
                  SELECT
                    "t66"."patient_id",
                    "t66"."platelet_engraftment_fell",
                    "t66"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t61"."patient_id",
                      "t53"."patient_id" AS "patient_id_right",
                      "t53"."platelet_engraftment_fell",
                      "t53"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t52"."patient_id"
                        FROM "t51" AS "t52"
                      ) AS "t57"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t25"."patient_id"
                        FROM "t22" AS "t25"
                      ) AS "t32"
                    ) AS "t61"
                    LEFT OUTER JOIN "t51" AS "t53"
                      ON "t61"."patient_id" = "t53"."patient_id"
                  ) AS "t66"
                ) AS "t71"
                LEFT OUTER JOIN "t22" AS "t28"
                  ON "t71"."patient_id" = "t28"."patient_id"
              ) AS "t74"
            ) AS "t78"
            LEFT OUTER JOIN (
              SELECT
                "t73"."patient_id",
                CAST(MIN("t73"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t68"."patient_id",
                  "t68"."day",
                  "t68"."failed_before",
                  "t68"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t56"."patient_id",
                      "t56"."day",
                      "t56"."failed_before",
                      "t56"."first_transfusion_day"
                    FROM (
                      SELECT
                        "t50"."patient_id",
                        "t50"."day",
                        "t50"."failed_before",
                        "t28"."patient_id" AS "patient_id_right",
                        "t28"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t45"."patient_id",
                          "t45"."day",
                          "t45"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t43" AS "t45"
                        WHERE
                          "t45"."platelet_engraftment_run_start"
                      ) AS "t50"
                      LEFT OUTER JOIN "t22" AS "t28"
                        ON "t50"."patient_id" = "t28"."patient_id"
                    ) AS "t56"
                  ) AS "t59"
                  WHERE
                    "t59"."failed_before"
                    OR COALESCE("t59"."first_transfusion_day" < "t59"."day", FALSE)
                ) AS "t68"
                WHERE
                  NOT EXISTS(
                    SELECT
                      1
                    FROM "t8" AS "t21"
                    WHERE
                      "t68"."patient_id" = "t21"."patient_id"
                      AND "t21"."day" <= "t68"."day"
                      AND "t21"."day" > (
                        "t68"."day" - 7
                      )
                  )
              ) AS "t73"
              GROUP BY
                1
            ) AS "t80"
              ON "t78"."patient_id" = "t80"."patient_id"
          ) AS "t81"
        ) AS "t82"
      ) AS "t84"
        ON "t77"."patient_id" = "t84"."patient_id"
    ) AS "t85"
  ) AS "t86"
), "t103" AS (
  SELECT
    "t102"."patient_id",
    "t102"."day",
    "t102"."kind",
    BOOL_OR("t102"."relapse_day" IS NOT NULL) AS "explained"
  FROM (
    SELECT
      "t101"."patient_id",
      "t101"."day",
      "t101"."kind",
      "t15"."patient_id" AS "patient_id_right",
      "t15"."relapse_day"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t97"."patient_id",
          CAST("t97"."day" AS BIGINT) AS "day",
          'anc' AS "kind"
        FROM (
          SELECT
            "t94"."patient_id",
            "t94"."day",
            "t94"."value",
            "t94"."meets",
            "t94"."meets"
            AND COALESCE(
              LEAD("t94"."meets", 1) OVER (
                PARTITION BY "t94"."patient_id"
                ORDER BY "t94"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND COALESCE(
              LEAD("t94"."meets", 2) OVER (
                PARTITION BY "t94"."patient_id"
                ORDER BY "t94"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ),
              FALSE
            )
            AND (
              TRUE
              AND (
                LEAD("t94"."day", 1) OVER (
                  PARTITION BY "t94"."patient_id"
                  ORDER BY "t94"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
              AND (
                LEAD("t94"."day", 2) OVER (
                  PARTITION BY "t94"."patient_id"
                  ORDER BY "t94"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ) IS NOT NULL
              )
            ) AS "run_start",
            SUM(CASE WHEN "t94"."meets" THEN 0 ELSE 1 END) OVER (
              PARTITION BY "t94"."patient_id"
              ORDER BY "t94"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS "failed_before"
          FROM (
            SELECT
              "t92"."patient_id",
              "t92"."day",
              "t92"."value",
              "t92"."value" < 0.5 AS "meets"
            FROM (
              SELECT
                "t44"."patient_id",
                "t44"."day",
                "t44"."value",
                "t91"."recovered_day"
              FROM (
                SELECT
                  *
                FROM "t37" AS "t39"
                WHERE
                  "t39"."value" IS NOT NULL
              ) AS "t44"
              INNER JOIN (
                SELECT
                  "t88"."patient_id",
                  "t88"."recovered_day"
                FROM "t87" AS "t88"
                WHERE
                  "t88"."recovered_day" IS NOT NULL
              ) AS "t91"
                ON "t44"."patient_id" = "t91"."patient_id"
            ) AS "t92"
            WHERE
              "t92"."day" > "t92"."recovered_day"
          ) AS "t94"
        ) AS "t97"
        WHERE
          "t97"."run_start"
      ) AS "t99"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t96"."patient_id",
          "t96"."day",
          'platelet_transfusions' AS "kind"
        FROM (
          SELECT
            "t95"."patient_id",
            "t95"."day",
            LEAD("t95"."day", 1) OVER (
              PARTITION BY "t95"."patient_id"
              ORDER BY "t95"."day" ASC
              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
            ) AS "kth"
          FROM (
            SELECT DISTINCT
              "t93"."patient_id",
              CAST("t93"."day" AS BIGINT) AS "day"
            FROM (
              SELECT
                "t20"."patient_id",
                "t20"."day",
                "t91"."recovered_day"
              FROM "t8" AS "t20"
              INNER JOIN (
                SELECT
                  "t88"."patient_id",
                  "t88"."recovered_day"
                FROM "t87" AS "t88"
                WHERE
                  "t88"."recovered_day" IS NOT NULL
              ) AS "t91"
                ON "t20"."patient_id" = "t91"."patient_id"
            ) AS "t93"
            WHERE
              "t93"."day" > "t93"."recovered_day"
          ) AS "t95"
        ) AS "t96"
        WHERE
          (
            "t96"."kth" - "t96"."day"
          ) <= 6
      ) AS "t98"
    ) AS "t101"
    LEFT OUTER JOIN (
      SELECT
        "t0"."patient_id",
        CAST("t0"."day" AS BIGINT) AS "relapse_day"
      FROM "disease_assessments" AS "t0"
      WHERE
        "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
    ) AS "t15"
      ON "t101"."patient_id" = "t15"."patient_id"
      AND "t15"."relapse_day" BETWEEN "t101"."day" - 14 AND "t101"."day" + 14
  ) AS "t102"
  GROUP BY
    1,
    2,
    3
)
SELECT
  "t115"."patient_id",
  "t115"."recovered_day",
  "t115"."neutrophils_recovered",
  "t115"."platelets_known",
  "t115"."decline_day",
  "t115"."decline_kind",
  COALESCE("t115"."explained", FALSE) AS "explained"
FROM (
  SELECT
    "t114"."patient_id",
    "t114"."recovered_day",
    "t114"."neutrophils_recovered",
    "t114"."platelets_known",
    "t114"."decline_day",
    "t114"."decline_kind",
    "t114"."explained"
  FROM (
    SELECT
      "t113"."patient_id",
      "t113"."recovered_day",
      "t113"."neutrophils_recovered",
      "t113"."platelets_known",
      "t113"."decline_day",
      "t113"."decline_kind",
      "t107"."patient_id" AS "patient_id_right",
      "t107"."explained"
    FROM (
      SELECT
        "t111"."patient_id",
        "t111"."recovered_day",
        "t111"."neutrophils_recovered",
        "t111"."platelets_known",
        "t111"."decline_day",
        "t111"."decline_kind"
      FROM (
        SELECT
          "t89"."patient_id",
          "t89"."recovered_day",
          "t89"."neutrophils_recovered",
          "t89"."platelets_known",
          "t110"."patient_id" AS "patient_id_right",
          "t110"."decline_day",
          "t110"."decline_kind"
        FROM "t87" AS "t89"
        LEFT OUTER JOIN (
          SELECT
            "t108"."patient_id",
            "t108"."day" AS "decline_day",
            "t108"."kind" AS "decline_kind"
          FROM (
            SELECT
              "t106"."patient_id",
              "t106"."day",
              "t106"."kind",
              ROW_NUMBER() OVER (
                PARTITION BY "t106"."patient_id"
                ORDER BY "t106"."day" ASC, "t106"."kind" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
              ) - 1 AS "rank"
            FROM (
              SELECT
                "t104"."patient_id",
                "t104"."day",
                "t104"."kind"
              FROM "t103" AS "t104"
              WHERE
                NOT (
                  "t104"."explained"
                )
            ) AS "t106"
          ) AS "t108"
          WHERE
            "t108"."rank" = 0
        ) AS "t110"
          ON "t89"."patient_id" = "t110"."patient_id"
      ) AS "t111"
    ) AS "t113"
    LEFT OUTER JOIN (
      SELECT
        "t104"."patient_id",
        BOOL_OR("t104"."explained") AS "explained"
      FROM "t103" AS "t104"
      GROUP BY
        1
    ) AS "t107"
      ON "t113"."patient_id" = "t107"."patient_id"
  ) AS "t114"
) AS "t115"
